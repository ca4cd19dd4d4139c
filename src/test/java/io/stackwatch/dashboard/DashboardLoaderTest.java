package io.stackwatch.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.alarm.SeedStack;
import io.stackwatch.catalog.Environment;
import io.stackwatch.datafile.DataFileException;
import io.stackwatch.series.Series;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("plain")
public class DashboardLoaderTest {

  private static final String BAD = "src/test/resources/dashboards/bad/";

  /** Every series id the seed's three environments offer. */
  public static final Set<String> OFFERED =
      SeedStack.CATALOG.environments().stream()
          .map(Environment::name)
          .flatMap(n -> SeedStack.plan(n).all().stream())
          .map(Series::id)
          .collect(Collectors.toSet());

  @Test
  void loadsEveryShippedDashboardFile() {
    List<Dashboard> shipped = DashboardLoader.load(Path.of("dashboards"), OFFERED);

    assertThat(shipped)
        .extracting(Dashboard::page)
        .contains(Dashboard.Page.ENVIRONMENT, Dashboard.Page.OVERVIEW);
    List<Section> sections =
        shipped.stream()
            .filter(d -> d.page() == Dashboard.Page.ENVIRONMENT)
            .flatMap(d -> d.sections().stream())
            .toList();
    assertThat(sections)
        .extracting(Section::id)
        .containsExactly(
            "traffic", "compute", "database", "cache", "messaging", "edge", "network", "cost");
    assertThat(sections).allSatisfy(s -> assertThat(s.panels()).isNotEmpty());
  }

  @Test
  void readsEveryFieldOfAPanel() {
    List<Dashboard> ok = DashboardLoader.load(Path.of("src/test/resources/dashboards/ok"), OFFERED);

    assertThat(ok)
        .extracting(Dashboard::page)
        .containsExactly(Dashboard.Page.ENVIRONMENT, Dashboard.Page.OVERVIEW);
    List<Panel> panels = ok.get(0).sections().get(0).panels();
    assertThat(panels.get(0))
        .isEqualTo(
            new Panel(
                "db-cpu",
                "Database CPU",
                "",
                List.of("rds.cpu"),
                Optional.empty(),
                "",
                Optional.empty(),
                ChartKind.LINE,
                Optional.of(new Levels(Optional.of(70d), Optional.of(80d), false)),
                Set.of(),
                Optional.empty()));
    assertThat(panels.get(1).series()).containsExactly("lambda.*.errors", "lambda.*.throttles");
    assertThat(panels.get(1).unit()).contains(PanelUnit.PER_MINUTE);
    assertThat(panels.get(1).kind()).isEqualTo(ChartKind.AREA);
    assertThat(panels.get(1).appliesTo("prod")).isTrue();
    assertThat(panels.get(1).appliesTo("dev")).isFalse();
    assertThat(panels.get(1).refresh()).contains(Duration.ofHours(1));
    assertThat(panels.get(2).references())
        .containsExactly("cache.*.hits", "cache.*.hits", "cache.*.misses");
    assertThat(panels.get(2).levels().orElseThrow().of(85)).isEqualTo(Level.WARNING);
    assertThat(panels.get(2).description()).isEqualTo("Computed by stackwatch.");
    assertThat(ok.get(0).sections().get(1).panels().get(0).kind()).isEqualTo(ChartKind.BUDGET);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          unknown-series      | unknown-series.yaml:7 section[0] (database) panel[0] (db-cpu) series: "rds.cpux" matches no series stackwatch offers in any environment
          unknown-in-expr     | unknown-in-expr.yaml:7 section[0] (traffic) panel[0] (rate) expr: "api.request" matches no series stackwatch offers in any environment
          bad-expr            | bad-expr.yaml:7 section[0] (traffic) panel[0] (rate) expr: expected ")" at character 30 of "100 * (api.5xx / api.requests"
          expr-without-unit   | expr-without-unit.yaml:5 section[0] (traffic) panel[0] (rate) unit: missing
          series-and-expr     | series-and-expr.yaml:8 section[0] (traffic) panel[0] (rate) expr: not allowed together with series; a panel draws one or the other
          unknown-kind        | unknown-kind.yaml:8 section[0] (traffic) panel[0] (requests) kind: "pie" is not one of line, area, stat, budget
          unknown-unit        | unknown-unit.yaml:8 section[0] (traffic) panel[0] (requests) unit: "furlongs" is not one of percent, count, per-minute, seconds, milliseconds, bytes, usd
          unknown-key         | unknown-key.yaml:8 section[0] (traffic) panel[0] (requests) colour: unknown key (expected one of id, title, description, series, expr, unit, kind, thresholds, environments, refresh)
          no-sections         | no-sections.yaml:1 sections: missing
          unknown-page        | unknown-page.yaml:1 page: "home" is not one of environment, overview
          missing-title       | missing-title.yaml:5 section[0] (traffic) panel[0] (requests) title: missing
          bad-id              | bad-id.yaml:2 section[0] id: "Traffic" must be kebab-case: a-z, 0-9 and -
          thresholds-inverted | thresholds-inverted.yaml:8 section[0] (cache) panel[0] (hit-ratio) thresholds.critical: 80.0 is below warning (90.0); for minimums write below: true
          duplicate-panel     | duplicate-panel.yaml:11 section[1] (more) panel[0] (requests) id: duplicate on the environment page, first defined at {bad}duplicate-panel.yaml:5
          budget-with-series  | budget-with-series.yaml:7 section[0] (cost) panel[0] (budget) kind: a budget panel shows Cost Explorer's figures and reads no series
          no-series           | no-series.yaml:5 section[0] (traffic) panel[0] (requests) series or expr: missing
          bad-refresh         | bad-refresh.yaml:8 section[0] (database) panel[0] (db-storage) refresh: "hourly" is not a duration such as 30s, 5m, 4h or 1d
          not-yaml            | not-yaml.yaml:4 yaml: while parsing a flow sequence, expected ',' or ']', but got <stream end>
          """)
  void aBrokenFileNamesFileLineAndField(String fixture, String expected) {
    assertThatThrownBy(
            () -> DashboardLoader.loadFiles(List.of(Path.of(BAD + fixture + ".yaml")), OFFERED))
        .isInstanceOf(DataFileException.class)
        .hasMessage(BAD + expected.replace("{bad}", BAD));
  }
}
