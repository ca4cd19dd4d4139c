package io.stackwatch.aws;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.simulator.AwsSimulator;
import io.stackwatch.simulator.SimulatedStack;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs the built-in simulator inside stackwatch when {@code stackwatch.source=simulator}: started
 * on first use, playing a stack of the catalog's environments whose resources stackwatch finds as
 * it would in a real account (by tag, and ListMetrics), named by the seed's convention (with the
 * SNS topics stackwatch publishes to by default) or by none, as {@code stackwatch.simulator.naming}
 * says. The one class outside the simulator's package that reaches into it.
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

    /**
     * How the simulated stack names its resources: {@code seed}, the seed's naming convention, or
     * {@code unconventional}, names that follow none (found only by tag). Default seed.
     */
    @WithDefault("seed")
    Naming naming();

    /** How the simulated stack is named. */
    enum Naming {
      SEED,
      UNCONVENTIONAL
    }
  }

  private final SimulatorConfig config;
  private final Catalog catalog;
  private final Clock clock;
  private AwsSimulator simulator;

  SimulatorBridge(SimulatorConfig config, Catalog catalog, Clock clock) {
    this.config = config;
    this.catalog = catalog;
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
      boolean seed = config.naming() == SimulatorConfig.Naming.SEED;
      if (!seed) {
        simulator.stack().naming(SimulatedStack.Naming.UNCONVENTIONAL);
      }
      // ListMetrics answers for the whole stack, as CloudWatch does.
      simulator.cloudWatch().listsStack(true);
      for (Environment env : catalog.environments()) {
        simulator.stack().addEnvironment(env.name(), env.region());
        if (seed) {
          // The seed stack's topics, named as stackwatch's default topics are.
          simulator.sns().ensureTopic(env.region(), env.name() + "-alerts");
          simulator.sns().ensureTopic(env.region(), env.name() + "-notifications");
        }
      }
      config.secrets().forEach(simulator.secretsManager()::put);
      LOG.infof("AWS simulator listening on %s", simulator.endpoint());
    }
    return simulator;
  }

  @PreDestroy
  synchronized void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }
}
