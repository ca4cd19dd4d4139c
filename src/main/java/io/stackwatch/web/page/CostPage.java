package io.stackwatch.web.page;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.cost.CostConfig;
import io.stackwatch.cost.CostLine;
import io.stackwatch.cost.CostSummary;
import io.stackwatch.cost.WatchingCost;
import io.stackwatch.snapshot.CostReport;
import io.stackwatch.snapshot.Snapshots;
import io.stackwatch.store.History;
import io.stackwatch.web.chart.CostChart;
import io.stackwatch.web.chart.Display;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /cost}: per environment the month to date against its budget with the forecast marker, the
 * daily trend, the change against last month, the breakdown by category and service; the spend no
 * environment is tagged with; and what watching costs.
 */
@Path("/cost")
public class CostPage {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance cost(
        List<CostRow> environments, String asOf, String error, WatchingRow watching);
  }

  private final Snapshots snapshots;
  private final CostConfig config;
  private final ApiCallMeter meter;
  private final Clock clock;
  private final History history;

  CostPage(
      Snapshots snapshots, CostConfig config, ApiCallMeter meter, Clock clock, History history) {
    this.history = history;
    this.snapshots = snapshots;
    this.config = config;
    this.meter = meter;
    this.clock = clock;
  }

  @GET
  @Produces(MediaType.TEXT_HTML)
  public TemplateInstance get() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    CostReport costs = snapshots.current().cost();
    List<CostRow> rows = costs.summaries().stream().map(s -> row(s, today)).toList();
    WatchingCost planned = costs.watching();
    History.Fetched fetched = history.fetched();
    WatchingRow watching =
        new WatchingRow(
            usd(meter.totalCostUsd()),
            usd(planned.cloudWatchUsd()),
            usd(planned.costExplorerUsd()),
            usd(planned.discoveryUsd()),
            usd(planned.totalUsd()),
            costs.requestsToday(),
            config.maxRequestsPerDay(),
            String.format(Locale.ROOT, "%,d", fetched.requests()),
            String.format(Locale.ROOT, "%,d", fetched.metrics()),
            String.format(Locale.ROOT, "$%,.4f", fetched.metrics() * 0.01 / 1000),
            planned.plan().stream()
                .map(
                    l ->
                        new PlanRow(
                            l.api().title(),
                            WatchingCost.every(l.every()),
                            l.what(),
                            String.format(Locale.ROOT, "%,.0f", l.billedPerMonth()),
                            String.format(Locale.ROOT, "$%,.2f", l.usdPerMonth())))
                .toList());
    return Templates.cost(
        rows,
        costs.asOf().map(t -> Display.age(t, now)).orElse(""),
        costs.error().orElse(""),
        watching);
  }

  static CostRow row(CostSummary s, LocalDate today) {
    boolean unattributed = s.environment().equals(CostLine.UNATTRIBUTED);
    double scale =
        Math.max(
            s.budget().map(BigDecimal::doubleValue).orElse(0d),
            Math.max(
                s.forecastMonth().map(BigDecimal::doubleValue).orElse(0d),
                s.monthToDate().doubleValue()));
    return new CostRow(
        s.environment(),
        unattributed ? "Not attributed to any environment" : s.environment(),
        usd(s.monthToDate()),
        s.forecastMonth().map(CostPage::usd).orElse(""),
        s.forecastError().map(e -> "forecast unavailable: " + e).orElse(""),
        s.budget().map(CostPage::usd).orElse(""),
        s.forecastOverBudget(),
        s.comparison().map(CostPage::change).orElse(""),
        bar(s.monthToDate().doubleValue(), scale),
        s.forecastMonth().map(f -> bar(f.doubleValue(), scale)).orElse(""),
        s.budget().map(b -> bar(b.doubleValue(), scale)).orElse(""),
        CostChart.of(s.daily(), today.lengthOfMonth()),
        shares(
            s.byCategory().entrySet().stream()
                .map(e -> Map.entry(e.getKey().title(), e.getValue()))
                .toList()),
        shares(List.copyOf(s.byService().entrySet())),
        s.comparison()
            .map(c -> c.byService().stream().map(CostPage::serviceChange).toList())
            .orElse(List.of()));
  }

  /** "Dec 1–3 against Nov 1–3: -1.3 %": the days compared said, both sides priced. */
  static String change(CostSummary.Comparison c) {
    String days = days(c.from(), c.to()) + " against " + days(c.lastFrom(), c.lastTo());
    return c.changePercent()
        .map(p -> String.format(Locale.ROOT, "%s: %+.1f %%", days, p))
        .orElse(days + ": nothing spent last month");
  }

  private static String days(LocalDate from, LocalDate to) {
    String month = from.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    return from.equals(to)
        ? month + " " + from.getDayOfMonth()
        : month + " " + from.getDayOfMonth() + "–" + to.getDayOfMonth();
  }

  private static ServiceRow serviceChange(CostSummary.ServiceChange c) {
    return new ServiceRow(
        c.service(),
        usd(c.thisPeriod()),
        usd(c.lastPeriod()),
        (c.change().signum() < 0 ? "-" : "+") + usd(c.change().abs()),
        c.changePercent().map(p -> String.format(Locale.ROOT, "%+.1f %%", p)).orElse("new"));
  }

  private static List<Share> shares(List<Map.Entry<String, BigDecimal>> amounts) {
    return amounts.stream().map(e -> new Share(e.getKey(), usd(e.getValue()))).toList();
  }

  /** Position on the 300-wide budget bar. */
  private static String bar(double value, double scale) {
    return scale <= 0 ? "0" : String.format(Locale.ROOT, "%.1f", 300 * value / scale);
  }

  static String usd(BigDecimal amount) {
    return "$" + String.format(Locale.ROOT, "%,.2f", amount);
  }

  static String usd(double amount) {
    return "$" + String.format(Locale.ROOT, "%,.2f", amount);
  }

  /** One environment's costs as shown. */
  record CostRow(
      String environment,
      String label,
      String monthToDate,
      String forecast,
      String forecastNote,
      String budget,
      boolean overBudget,
      String change,
      String barMonthToDate,
      String barForecast,
      String barBudget,
      CostChart chart,
      List<Share> categories,
      List<Share> services,
      List<ServiceRow> changes) {}

  /** One service's spend over the compared days, this month and last. */
  record ServiceRow(String service, String now, String before, String change, String percent) {}

  /** A part of a total. */
  record Share(String name, String amount) {}

  /** What stackwatch's own AWS calls cost. */
  record WatchingRow(
      String spentSinceStart,
      String cloudWatchPerMonth,
      String costExplorerPerMonth,
      String discoveryPerMonth,
      String totalPerMonth,
      int costExplorerRequestsToday,
      int costExplorerCap,
      String historyRequests,
      String historyMetrics,
      String historyCost,
      List<PlanRow> plan) {}

  /** One line of the plan: a call, its cadence, what it asks and its price per month. */
  record PlanRow(String call, String every, String what, String billed, String usd) {}
}
