package io.stackwatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongToDoubleFunction;
import java.util.function.Predicate;

/**
 * Incidents to play on one environment. A playing scenario replaces matching series from the minute
 * it starts, as a function of whole minutes since then, so it is as deterministic as the rest of
 * the model. Scenarios that have no end last until {@link #stop} or {@link #clear}.
 */
public final class Scenarios {

  private static final Duration UNTIL_STOPPED = null;
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  /**
   * What each scenario does. An effect replaces one metric, on the series of the scenario's
   * environment that {@code applies} accepts, with {@code perMinute(minutesSinceStart)}: a level
   * for gauges, the count in that minute for counts.
   */
  private record Effect(
      String namespace,
      String metricName,
      Predicate<Resource> applies,
      Duration lasts,
      LongToDoubleFunction perMinute) {}

  private static final Map<String, List<Effect>> TABLE = table();

  private static Map<String, List<Effect>> table() {
    Predicate<Resource> any = r -> true;
    Map<String, List<Effect>> table = new LinkedHashMap<>();
    table.put(
        "cpu-spike", // 91, 88, 85, 91, ... %: well above an 80 % alarm, then back to normal
        List.of(new Effect("AWS/RDS", "CPUUtilization", any, TEN_MINUTES, m -> 91 - 3 * (m % 3))));
    table.put(
        "evictions-growing", // 5, 10, 15, ... evictions a minute
        List.of(new Effect("AWS/ElastiCache", "Evictions", any, UNTIL_STOPPED, m -> 5 * (m + 1))));
    table.put(
        "5xx-burst", // a bad deploy: the API and the load balancer's targets fail
        List.of(
            new Effect("AWS/ApiGateway", "5xx", any, TEN_MINUTES, m -> 48 + 2 * (m % 3)),
            new Effect(
                "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", any, TEN_MINUTES, m -> 35)));
    table.put(
        "dlq-filling", // 3 more failed messages every minute, none processed
        List.of(
            new Effect(
                "AWS/SQS",
                "ApproximateNumberOfMessagesVisible",
                Resource::isDeadLetterQueue,
                UNTIL_STOPPED,
                m -> 3 * (m + 1)),
            new Effect(
                "AWS/SQS",
                "ApproximateAgeOfOldestMessage",
                Resource::isDeadLetterQueue,
                UNTIL_STOPPED,
                m -> 60 * (m + 1))));
    return table;
  }

  private record Playing(String name, String environment) {}

  private final Clock clock;
  private final Map<Playing, Instant> playing = new ConcurrentHashMap<>();

  Scenarios(Clock clock) {
    this.clock = clock;
  }

  /** The names {@link #play} accepts. */
  public static Set<String> known() {
    return TABLE.keySet();
  }

  /** Starts a scenario on an environment (e.g. {@code prod}) now, by the simulator's clock. */
  public void play(String name, String environment) {
    play(name, environment, clock.instant());
  }

  /**
   * Starts a scenario at a given time, which may be in the past. It takes effect from the start of
   * the minute containing {@code start}.
   *
   * @throws IllegalArgumentException for an unknown scenario name
   */
  public void play(String name, String environment, Instant start) {
    if (!TABLE.containsKey(name)) {
      throw new IllegalArgumentException(
          "Unknown scenario '" + name + "'; known scenarios: " + String.join(", ", known()));
    }
    playing.put(new Playing(name, environment.toLowerCase(Locale.ROOT)), start);
  }

  /** Stops a scenario on an environment; its series return to normal for all times. */
  public void stop(String name, String environment) {
    playing.remove(new Playing(name, environment.toLowerCase(Locale.ROOT)));
  }

  public void clear() {
    playing.clear();
  }

  /** The scenarios playing, as {@code name@environment}. */
  public Set<String> playing() {
    Set<String> names = new TreeSet<>();
    playing.keySet().forEach(p -> names.add(p.name() + "@" + p.environment()));
    return names;
  }

  /** The series as the playing scenarios change it (the series itself if none applies). */
  ModelSeries apply(ModelSeries series) {
    if (playing.isEmpty()) {
      return series;
    }
    List<MinuteOverride> overrides = new ArrayList<>(1);
    playing.forEach(
        (p, start) -> {
          if (!p.environment().equals(series.resource().environment())) {
            return;
          }
          for (Effect effect : TABLE.get(p.name())) {
            if (matches(effect, series)) {
              overrides.add(override(effect, start));
            }
          }
        });
    if (overrides.isEmpty()) {
      return series;
    }
    return series.withOverride(
        minute -> {
          for (MinuteOverride o : overrides) {
            double value = o.valueAt(minute);
            if (!Double.isNaN(value)) {
              return value;
            }
          }
          return Double.NaN;
        });
  }

  private static boolean matches(Effect effect, ModelSeries series) {
    return effect.namespace().equals(series.metric().namespace())
        && effect.metricName().equals(series.metric().metricName())
        && effect.applies().test(series.resource());
  }

  private static MinuteOverride override(Effect effect, Instant start) {
    long first = start.getEpochSecond() - Math.floorMod(start.getEpochSecond(), 60);
    long end = effect.lasts() == null ? Long.MAX_VALUE : first + effect.lasts().toSeconds();
    return minute ->
        minute >= first && minute < end
            ? effect.perMinute().applyAsDouble((minute - first) / 60)
            : Double.NaN;
  }
}
