package io.stackwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code deploy/prometheus/prometheus.yml}: promtool accepts it and it scrapes stackwatch. */
@Tag("plain")
class PrometheusConfigTest {

  private static final Path CONFIG = Path.of("deploy/prometheus/prometheus.yml");
  private static final Path RULES = Path.of("alarms/prometheus/stackwatch.rules.yml");

  @Test
  void promtoolAcceptsTheConfigAndFindsTheRuleFile() throws Exception {
    ExternalTool.Result check =
        ExternalTool.run(
            "Debian package prometheus; .ci/run installs it",
            "promtool",
            "check",
            "config",
            CONFIG.toString());

    assertThat(check.exitCode()).as("promtool check config:\n" + check.output()).isZero();
    assertThat(check.output())
        .contains("1 rule files found")
        .containsPattern("SUCCESS: [1-9][0-9]* rules found");
  }

  @Test
  void scrapesMetricsEveryMinuteAndLoadsTheAlertingRules() throws IOException {
    Map<String, Object> config = yaml(CONFIG);

    List<Map<String, Object>> jobs = list(config.get("scrape_configs"));
    assertThat(jobs).extracting(j -> j.get("job_name")).containsExactly("stackwatch");
    Map<String, Object> job = jobs.get(0);
    assertThat(job).containsEntry("metrics_path", "/q/metrics");
    assertThat(job).containsEntry("scrape_interval", "60s");
    // The rules' unit tests evaluate every minute, as this Prometheus does.
    assertThat(map(config.get("global"))).containsEntry("evaluation_interval", "60s");

    // Prometheus resolves rule_files against the folder of the config file.
    List<String> ruleFiles = list(config.get("rule_files"));
    assertThat(ruleFiles).hasSize(1);
    Path resolved = CONFIG.getParent().resolve(ruleFiles.get(0)).normalize();
    assertThat(resolved).isEqualTo(RULES).exists();
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file)) {
      return new Yaml().load(r);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> list(Object o) {
    return (List<T>) o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }
}
