package io.stackwatch.poll;

import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.catalog.Catalog;
import io.stackwatch.catalog.Environment;
import io.stackwatch.catalog.Inventory;
import io.stackwatch.discovery.ResourceDiscovery;
import io.stackwatch.series.SeriesPlans;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Finds the environments' resources again, on discovery's cadence or when an admin asks, and when
 * they changed, plans the series again and binds the alarms to them: a resource added to the stack
 * appears, one removed leaves, without a restart.
 */
@Singleton
public class Rediscovery {

  private static final Logger LOG = Logger.getLogger(Rediscovery.class);

  private final ResourceDiscovery discovery;
  private final SeriesPlans plans;
  private final AlarmEngine alarms;
  private final Catalog catalog;

  Rediscovery(ResourceDiscovery discovery, SeriesPlans plans, AlarmEngine alarms, Catalog catalog) {
    this.discovery = discovery;
    this.plans = plans;
    this.alarms = alarms;
    this.catalog = catalog;
  }

  /** Searches when due; returns whether the plans changed. */
  public boolean ifDue() {
    return discovery.due() && now();
  }

  /** Searches now; returns whether the plans changed. */
  public synchronized boolean now() {
    Map<String, Inventory> previous = new LinkedHashMap<>();
    for (Environment env : catalog.environments()) {
      plans.inventory(env.name()).ifPresent(i -> previous.put(env.name(), i));
    }
    boolean changed = plans.update(discovery.discover(previous));
    if (changed) {
      AlarmEngine.Reload r = alarms.rebind();
      LOG.infof("Resources changed: %d alarms bound", r.alarms());
    }
    return changed;
  }
}
