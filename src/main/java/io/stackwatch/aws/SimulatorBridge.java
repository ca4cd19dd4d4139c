package io.stackwatch.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.series.MetricStat;
import io.stackwatch.series.Series;
import io.stackwatch.series.SeriesPlans;
import io.stackwatch.simulator.AwsSimulator;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs the built-in simulator inside stackwatch when {@code stackwatch.source=simulator}: started
 * on first use, holding every metric the catalog names and every SNS topic stackwatch publishes to,
 * so the first run shows live environments and sends its alert summaries.
 */
@Singleton
public class SimulatorBridge implements SimulatorEndpoint {

  private static final Logger LOG = Logger.getLogger(SimulatorBridge.class);

  /** Settings of the built-in simulator, under {@code stackwatch.simulator}. */
  @ConfigMapping(prefix = "stackwatch.simulator")
  public interface SimulatorConfig {
    /** Port on 127.0.0.1; 0 picks a free one. Default 0. */
    @WithDefault("0")
    int port();

    /** Seed of the generated data: the same seed gives the same numbers. Default 42. */
    @WithDefault("42")
    long seed();

    /**
     * Secrets the simulated Secrets Manager holds, by name, for demos and tests of {@code
     * secretsmanager:} settings. Default none.
     */
    Map<String, String> secrets();
  }

  private final SimulatorConfig config;
  private final Catalog catalog;
  private final SeriesPlans plans;
  private final Clock clock;
  private AwsSimulator simulator;

  SimulatorBridge(SimulatorConfig config, Catalog catalog, SeriesPlans plans, Clock clock) {
    this.config = config;
    this.catalog = catalog;
    this.plans = plans;
    this.clock = clock;
  }

  @Override
  public URI uri() {
    return simulator().endpoint();
  }

  /** The running simulator, started on first use. */
  public synchronized AwsSimulator simulator() {
    if (simulator == null) {
      simulator = AwsSimulator.start(config.port(), clock, config.seed());
      plans.all().stream()
          .flatMap(p -> p.fetched().stream())
          .map(Series::stat)
          .flatMap(java.util.Optional::stream)
          .distinct()
          .forEach(this::register);
      for (Environment env : catalog.environments()) {
        simulator.stack().addEnvironment(env.name(), env.region());
        // The stack's own topics, as it names them: every environment has both.
        simulator.sns().ensureTopic(env.region(), env.name() + "-alerts");
        simulator.sns().ensureTopic(env.region(), env.name() + "-notifications");
      }
      config.secrets().forEach(simulator.secretsManager()::put);
      LOG.infof("AWS simulator listening on %s", simulator.endpoint());
    }
    return simulator;
  }

  private void register(MetricStat s) {
    Map<String, String> dims = new LinkedHashMap<>();
    s.dimensions().forEach(d -> dims.put(d.name(), d.value()));
    simulator.cloudWatch().register(s.namespace(), s.metricName(), dims);
  }

  @PreDestroy
  synchronized void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }
}
