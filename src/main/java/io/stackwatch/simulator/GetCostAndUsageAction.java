package io.stackwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stackwatch.simulator.CostParameters.Period;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Answers GetCostAndUsage over the {@link CostLedger}. The answer is a sequence of rows, period
 * after period: one row per group of a period (a period without groups, such as a day not billed
 * yet, still takes one row so it is not lost), or one row per period when nothing is grouped. A
 * page carries at most {@link #pageSize} rows and a NextPageToken for the rest; a period whose
 * groups span two pages appears on both with its share of the groups, as Cost Explorer does.
 */
final class GetCostAndUsageAction {

  /** How far back the account's cost data goes: 38 months, with multi-year history enabled. */
  static final int HISTORY_MONTHS = 38;

  /** Rows per page unless a test sets fewer. */
  static final int DEFAULT_PAGE_SIZE = 500;

  private static final List<String> COST_METRICS =
      List.of(
          "AmortizedCost", "BlendedCost", "NetAmortizedCost", "NetUnblendedCost", "UnblendedCost");

  private static final List<String> GROUP_DIMENSIONS =
      List.of(
          "AZ",
          "INSTANCE_TYPE",
          "LINKED_ACCOUNT",
          "OPERATION",
          "PURCHASE_TYPE",
          "SERVICE",
          "USAGE_TYPE",
          "PLATFORM",
          "TENANCY",
          "RECORD_TYPE",
          "LEGAL_ENTITY_NAME",
          "INVOICING_ENTITY",
          "DEPLOYMENT_OPTION",
          "DATABASE_ENGINE",
          "CACHE_ENGINE",
          "INSTANCE_TYPE_FAMILY",
          "REGION",
          "BILLING_ENTITY",
          "RESERVATION_ID",
          "SAVINGS_PLANS_TYPE",
          "SAVINGS_PLAN_ARN",
          "OPERATING_SYSTEM");

  /** One {@code GroupBy} entry. */
  record GroupDefinition(String type, String key) {
    String keyOf(CostLine line) {
      return type.equals("TAG") ? key + "$" + line.tag(key) : line.dimension(key);
    }
  }

  /** What one period holds: its groups' cents by keys (sorted), or its total. */
  private record PeriodResult(
      Period period, boolean estimated, long total, Map<List<String>, Long> groups) {
    int rows(boolean grouped) {
      return grouped ? Math.max(1, groups.size()) : 1;
    }
  }

  private final CostLedger ledger;
  private final Supplier<Set<String>> environments;
  private final JsonProtocol protocol;
  private volatile int pageSize = DEFAULT_PAGE_SIZE;

  /**
   * @param environments the Environment tag values billed whatever the filter names
   */
  GetCostAndUsageAction(
      CostLedger ledger, Supplier<Set<String>> environments, JsonProtocol protocol) {
    this.ledger = ledger;
    this.environments = environments;
    this.protocol = protocol;
  }

  void pageSize(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("page size must be at least 1, got " + rows);
    }
    pageSize = rows;
  }

  SimResponse answer(ObjectNode body) {
    Instant now = ledger.now();
    LocalDate today = CostLedger.today(now);
    Period range = CostParameters.timePeriod(body);
    if (!range.start().isBefore(range.end())) {
      throw CostParameters.invalid("Start date (and hour) should be before end date (and hour)");
    }
    if (range.end().isAfter(today.withDayOfMonth(1).plusMonths(1))) {
      throw CostParameters.invalid("end date past the beginning of next month");
    }
    LocalDate earliest = today.withDayOfMonth(1).minusMonths(HISTORY_MONTHS);
    if (range.start().isBefore(earliest)) {
      throw CostParameters.invalid(
          "Cost data is available from " + earliest + " (" + HISTORY_MONTHS + " months) on");
    }
    String granularity = CostParameters.granularity(body);
    List<String> metrics = metrics(body);
    CostExpression filter = CostParameters.filter(body);
    List<GroupDefinition> groupBy = groupBy(body);
    boolean grouped = !groupBy.isEmpty();

    List<CostLine> lines = lines(filter);
    List<PeriodResult> results = new ArrayList<>();
    for (Period period : CostParameters.periods(range, granularity)) {
      results.add(compute(period, lines, groupBy, now));
    }
    long total = results.stream().mapToLong(r -> r.rows(grouped)).sum();
    ObjectNode withoutToken = body.deepCopy();
    JsonNode token = withoutToken.remove("NextPageToken");
    long fingerprint = Noise.hash(0, StrictJson.write(withoutToken));
    long offset;
    try {
      offset = PageToken.offset(token == null ? null : token.textValue(), fingerprint, total);
    } catch (ServiceException e) {
      throw ServiceException.sender("InvalidNextTokenException", "Invalid NextPageToken");
    }
    long pageEnd = Math.min(total, offset + pageSize);
    return protocol.result(
        json -> {
          if (grouped) {
            ArrayNode definitions = json.putArray("GroupDefinitions");
            for (GroupDefinition g : groupBy) {
              definitions.addObject().put("Type", g.type()).put("Key", g.key());
            }
          }
          ArrayNode byTime = json.putArray("ResultsByTime");
          long base = 0;
          for (PeriodResult result : results) {
            int rows = result.rows(grouped);
            long from = Math.max(offset, base) - base;
            long to = Math.min(pageEnd, base + rows) - base;
            if (from < to) {
              write(byTime.addObject(), result, grouped, metrics, (int) from, (int) to);
            }
            base += rows;
          }
          if (pageEnd < total) {
            json.put("NextPageToken", PageToken.of(pageEnd, fingerprint));
          }
          json.putArray("DimensionValueAttributes");
        });
  }

  /** The lines the filter lets through, of every environment in play plus untagged spend. */
  private List<CostLine> lines(CostExpression filter) {
    Set<String> envs = new LinkedHashSet<>(environments.get());
    if (filter != null) {
      filter.environments(envs);
    }
    envs.add("");
    List<CostLine> lines = new ArrayList<>();
    for (String env : envs) {
      for (CostLine line : ledger.model().lines(env)) {
        if (filter == null || filter.matches(line)) {
          lines.add(line);
        }
      }
    }
    return lines;
  }

  private PeriodResult compute(
      Period period, List<CostLine> lines, List<GroupDefinition> groupBy, Instant now) {
    LocalDate today = CostLedger.today(now);
    boolean estimated = CostLedger.estimated(period.end().minusDays(1), now);
    LocalDate billedEnd = period.end().isAfter(today) ? today : period.end();
    long total = 0;
    // Sorted by keys, so pages are stable and untagged ("Environment$") comes first.
    Map<List<String>, Long> groups = new TreeMap<>(GetCostAndUsageAction::compareKeys);
    if (period.start().isBefore(billedEnd)) {
      for (CostLine line : lines) {
        long cents = 0;
        for (LocalDate d = period.start(); d.isBefore(billedEnd); d = d.plusDays(1)) {
          cents += ledger.cents(line, d, now);
        }
        total += cents;
        if (!groupBy.isEmpty()) {
          List<String> keys = new ArrayList<>(groupBy.size());
          for (GroupDefinition g : groupBy) {
            keys.add(g.keyOf(line));
          }
          groups.merge(List.copyOf(keys), cents, Long::sum);
        }
      }
    }
    return new PeriodResult(period, estimated, total, groups);
  }

  private static void write(
      ObjectNode json,
      PeriodResult result,
      boolean grouped,
      List<String> metrics,
      int from,
      int to) {
    json.putObject("TimePeriod")
        .put("Start", result.period().start().toString())
        .put("End", result.period().end().toString());
    // With GroupBy, Cost Explorer leaves Total empty: the groups carry the amounts.
    ObjectNode total = json.putObject("Total");
    if (!grouped) {
      metricValues(total, metrics, result.total());
    }
    ArrayNode groups = json.putArray("Groups");
    if (grouped) {
      int i = 0;
      for (Map.Entry<List<String>, Long> group : result.groups().entrySet()) {
        if (i >= from && i < to) {
          ObjectNode row = groups.addObject();
          ArrayNode keys = row.putArray("Keys");
          group.getKey().forEach(keys::add);
          metricValues(row.putObject("Metrics"), metrics, group.getValue());
        }
        i++;
      }
    }
    json.put("Estimated", result.estimated());
  }

  private static void metricValues(ObjectNode json, List<String> metrics, long cents) {
    // No reservations, savings plans or credits in the simulated account: every cost metric agrees.
    for (String metric : metrics) {
      json.putObject(metric).put("Amount", CostParameters.amount(cents)).put("Unit", "USD");
    }
  }

  private static List<String> metrics(ObjectNode body) {
    if (!(body.get("Metrics") instanceof ArrayNode list) || list.isEmpty()) {
      throw CostParameters.notNull("metrics");
    }
    List<String> metrics = new ArrayList<>();
    for (JsonNode o : list) {
      String metric = o.isTextual() ? o.textValue() : o.toString();
      boolean known =
          COST_METRICS.stream()
              .anyMatch(
                  m -> CostParameters.normalized(m).equals(CostParameters.normalized(metric)));
      if (!known) {
        throw CostParameters.invalid(
            "Metric "
                + metric
                + " is not supported by the simulator; it serves "
                + String.join(", ", COST_METRICS));
      }
      if (!metrics.contains(metric)) {
        metrics.add(metric);
      }
    }
    return metrics;
  }

  private static List<GroupDefinition> groupBy(ObjectNode body) {
    JsonNode value = body.get("GroupBy");
    if (!StrictJson.present(value)) {
      return List.of();
    }
    if (!(value instanceof ArrayNode list)) {
      throw CostParameters.invalid("GroupBy must be a list of group definitions");
    }
    if (list.size() > 2) {
      throw CostParameters.invalid(
          "Group Definitions can have at most 2 elements; " + list.size() + " were given");
    }
    List<GroupDefinition> groups = new ArrayList<>();
    for (JsonNode g : list) {
      // path() of a member that is absent, or of something not an object, reads as no text.
      String t = g.path("Type").textValue();
      String k = g.path("Key").textValue();
      if (t == null || t.isEmpty() || k == null || k.isEmpty()) {
        throw CostParameters.invalid(
            "Group Definition is invalid. Both type an key need to be set to a non-empty value.");
      }
      switch (t) {
        case "TAG" -> {}
        case "DIMENSION" -> {
          if (!GROUP_DIMENSIONS.contains(k)) {
            throw CostParameters.invalid(
                "Group Definition dimension is invalid. Valid values are "
                    + String.join(", ", GROUP_DIMENSIONS));
          }
          if (!CostExpression.DIMENSIONS.contains(k)) {
            throw CostParameters.invalid(
                "Group Definition dimension "
                    + k
                    + " is not simulated; the simulator groups by "
                    + String.join(", ", CostExpression.DIMENSIONS.stream().sorted().toList()));
          }
        }
        case "COST_CATEGORY" ->
            throw CostParameters.invalid("Cost category " + k + " is not defined in this account");
        default -> throw CostParameters.invalid("Group Definition type is invalid.");
      }
      groups.add(new GroupDefinition(t, k));
    }
    return List.copyOf(groups);
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
