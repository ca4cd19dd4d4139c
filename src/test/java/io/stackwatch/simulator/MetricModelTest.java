package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import io.stackwatch.simulator.MetricSpec.Shape;
import io.stackwatch.simulator.MetricSpec.Values;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The data model on its own, over a whole simulated estate and a whole day. */
@Tag("simulator")
class MetricModelTest {

  private static final long DAY_START = Instant.parse("2026-11-26T00:00:00Z").getEpochSecond();
  private static final MetricModel MODEL = new MetricModel(SimulatorFixture.SEED);
  private static final Stat AVERAGE = Stat.parse("Average");
  private static final Stat SUM = Stat.parse("Sum");
  private static final Stat MAXIMUM = Stat.parse("Maximum");
  private static final Stat MINIMUM = Stat.parse("Minimum");

  @Test
  void everyCatalogMetricExistsForTheConventionalEstate() {
    for (String env : List.of("prod", "staging", "dev")) {
      List<MetricId> estate = estate(env);
      for (MetricSpec spec : MetricCatalog.all()) {
        assertThat(estate)
            .as("%s %s %s", spec.namespace(), spec.metricName(), spec.dimensionNames())
            .anyMatch(m -> MetricCatalog.find(m) == spec);
      }
      assertThat(estate).allSatisfy(m -> assertThat(MODEL.series(m)).as(m.toString()).isNotNull());
    }
  }

  @Test
  void valuesStayInPhysicalRangesAllDay() {
    for (String env : List.of("prod", "staging", "dev", "qa")) {
      for (MetricId metric : estate(env)) {
        MetricSpec spec = MetricCatalog.find(metric);
        ModelSeries series = MODEL.series(metric);
        for (String stat :
            List.of("Average", "Sum", "Minimum", "Maximum", "SampleCount", "p50", "p99")) {
          for (long t = DAY_START; t < DAY_START + 86_400; t += 300) {
            double v = series.value(Stat.parse(stat), 300, t);
            String where = metric + " " + stat + " @" + Instant.ofEpochSecond(t);
            assertThat(v).as(where).isFinite().isGreaterThanOrEqualTo(0);
            if (spec.values() == Values.PERCENT
                && !stat.equals("Sum")
                && !stat.equals("SampleCount")) {
              assertThat(v).as(where).isLessThanOrEqualTo(100);
            }
            boolean whole =
                stat.equals("SampleCount")
                    || (spec.values() == Values.INTEGER
                        && (stat.equals("Sum") || spec.shape() == Shape.GAUGE));
            if (whole) {
              assertThat(v % 1).as(where).isZero();
            }
          }
          assertThat(series.value(Stat.parse("SampleCount"), 300, DAY_START)).isPositive();
        }
      }
    }
  }

  @Test
  void theEstateIsHealthyByDefault() {
    for (String env : List.of("prod", "staging", "dev")) {
      for (long t = DAY_START; t < DAY_START + 86_400; t += 60) {
        MetricId db = metric("AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", env + "-db");
        assertThat(MODEL.value(db, AVERAGE, 60, t)).isBetween(15.0, 45.0);
        assertThat(MODEL.value(db, MAXIMUM, 60, t)).isBetween(15.0, 45.0);
        assertThat(sum("AWS/ElastiCache", "Evictions", "CacheClusterId", env + "-redis-001", t))
            .isZero();
        assertThat(sum("AWS/Lambda", "Throttles", "FunctionName", env + "-api", t)).isZero();
        assertThat(sum("AWS/NATGateway", "ErrorPortAllocation", "NatGatewayId", env + "-nat-1", t))
            .isZero();
        assertThat(
                MODEL.value(
                    metric(
                        "AWS/SQS",
                        "ApproximateNumberOfMessagesVisible",
                        "QueueName",
                        env + "-email-dlq"),
                    MAXIMUM,
                    60,
                    t))
            .isZero();
        MetricId api5xx =
            metric("AWS/ApiGateway", "5xx", "ApiId", env + "-http-api", "Stage", "$default");
        assertThat(MODEL.value(api5xx, SUM, 60, t)).isBetween(0.0, 1.0);
        assertThat(MODEL.value(metric("AWS/Lambda", "ConcurrentExecutions"), MAXIMUM, 60, t))
            .isLessThan(100.0);
      }
    }
  }

  @Test
  void tasksAndHostsMatchTheEnvironmentSize() {
    Map<String, Double> expected = Map.of("prod", 4.0, "staging", 2.0, "dev", 1.0);
    expected.forEach(
        (env, tasks) -> {
          Map<String, String> service =
              Map.of("ClusterName", env + "-cluster", "ServiceName", env + "-app");
          MetricId running = MetricId.of("ECS/ContainerInsights", "RunningTaskCount", service);
          MetricId desired = MetricId.of("ECS/ContainerInsights", "DesiredTaskCount", service);
          MetricId healthy =
              new MetricId(
                  "AWS/ApplicationELB",
                  "HealthyHostCount",
                  List.of(
                      new MetricDimension(
                          "TargetGroup", "targetgroup/" + env + "-tg/6d0ecf831eec9f09"),
                      new MetricDimension("LoadBalancer", "app/" + env + "-alb/50dc6c495c0c9188")));
          for (long t = DAY_START; t < DAY_START + 86_400; t += 3600) {
            assertThat(MODEL.value(running, AVERAGE, 60, t)).isEqualTo(tasks);
            assertThat(MODEL.value(desired, MINIMUM, 300, t)).isEqualTo(tasks);
            assertThat(MODEL.value(healthy, MINIMUM, 60, t)).isEqualTo(tasks);
          }
        });
  }

  @Test
  void trafficPeaksInTheAfternoonAndScalesWithTheEnvironment() {
    double prodPeak = hourOfRequests("prod", 13);
    double prodNight = hourOfRequests("prod", 3);
    assertThat(prodPeak).isGreaterThan(3 * prodNight);
    assertThat(hourOfRequests("staging", 13) / prodPeak).isCloseTo(0.35, within(0.03));
    assertThat(hourOfRequests("dev", 13) / prodPeak).isCloseTo(0.10, within(0.01));
  }

  @Test
  void sumsScaleWithThePeriodAndGaugeSumsCountTheirSamples() {
    MetricId invocations = metric("AWS/Lambda", "Invocations", "FunctionName", "prod-api");
    double perMinute = 0;
    long hour = DAY_START + 10 * 3600;
    for (long t = hour; t < hour + 3600; t += 60) {
      perMinute += MODEL.value(invocations, SUM, 60, t);
    }
    assertThat(MODEL.value(invocations, SUM, 3600, hour)).isCloseTo(perMinute, withPercentage(10));

    MetricId cpu =
        metric(
            "AWS/ECS", "CPUUtilization", "ClusterName", "prod-cluster", "ServiceName", "prod-app");
    assertThat(MODEL.value(cpu, Stat.parse("SampleCount"), 300, hour)).isEqualTo(5.0);
    assertThat(MODEL.value(cpu, SUM, 300, hour))
        .isCloseTo(5 * MODEL.value(cpu, AVERAGE, 300, hour), within(1e-9));
  }

  @Test
  void latencyPercentilesRiseAboveTheAverage() {
    List<MetricId> latencies =
        List.of(
            metric("AWS/ApiGateway", "Latency", "ApiId", "prod-http-api", "Stage", "$default"),
            metric(
                "AWS/ApiGateway",
                "IntegrationLatency",
                "ApiId",
                "prod-http-api",
                "Stage",
                "$default"),
            metric(
                "AWS/ApplicationELB",
                "TargetResponseTime",
                "LoadBalancer",
                "app/prod-alb/50dc6c495c0c9188"),
            metric("AWS/Lambda", "Duration", "FunctionName", "prod-worker"),
            metric("AWS/RDS", "ReadLatency", "DBInstanceIdentifier", "prod-db"),
            metric("AWS/RDS", "WriteLatency", "DBInstanceIdentifier", "prod-db"));
    for (MetricId metric : latencies) {
      for (long t = DAY_START; t < DAY_START + 86_400; t += 1800) {
        double avg = MODEL.value(metric, AVERAGE, 60, t);
        double p50 = MODEL.value(metric, Stat.parse("p50"), 60, t);
        double p90 = MODEL.value(metric, Stat.parse("p90"), 60, t);
        double p99 = MODEL.value(metric, Stat.parse("p99"), 60, t);
        assertThat(MODEL.value(metric, MINIMUM, 60, t)).isLessThan(avg);
        assertThat(avg).isLessThan(p50);
        assertThat(p50).isLessThan(p90);
        assertThat(p90).isLessThan(p99);
        assertThat(p99).isLessThanOrEqualTo(MODEL.value(metric, MAXIMUM, 60, t));
      }
    }
    MetricId readLatency = latencies.get(4);
    assertThat(MODEL.value(readLatency, AVERAGE, 60, DAY_START + 14 * 3600))
        .isBetween(0.001, 0.005);
  }

  @Test
  void cacheHitRatioIsBetweenNinetyAndNinetySevenPercent() {
    for (long t = DAY_START; t < DAY_START + 86_400; t += 300) {
      double hits = sum("AWS/ElastiCache", "CacheHits", "CacheClusterId", "staging-redis-001", t);
      double misses =
          sum("AWS/ElastiCache", "CacheMisses", "CacheClusterId", "staging-redis-001", t);
      assertThat(hits / (hits + misses)).isBetween(0.90, 0.97);
    }
  }

  @Test
  void freeStorageFollowsTheAllocatedSizeAndSlowlyFalls() {
    Map<String, Double> gib = new LinkedHashMap<>();
    gib.put("dev", 20.0);
    gib.put("staging", 50.0);
    gib.put("prod", 100.0);
    gib.put("perf", 100.0);
    gib.forEach(
        (env, size) -> {
          MetricId free =
              metric("AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", env + "-db");
          double allocated = size * 1024 * 1024 * 1024;
          double previous = Double.MAX_VALUE;
          for (long t = DAY_START; t < DAY_START + 3600; t += 60) {
            double v = MODEL.value(free, AVERAGE, 60, t);
            assertThat(v / allocated).as(env).isBetween(0.40, 0.70);
            assertThat(v).isLessThanOrEqualTo(previous);
            previous = v;
          }
        });
  }

  @Test
  void environmentComesFromTheFirstNamingDimension() {
    assertThat(Resource.environmentOf("prod-db")).isEqualTo("prod");
    assertThat(Resource.environmentOf("app/staging-alb/50dc6c495c0c9188")).isEqualTo("staging");
    assertThat(Resource.environmentOf("targetgroup/dev-tg/6d0ecf831eec9f09")).isEqualTo("dev");
    assertThat(Resource.environmentOf("sandbox")).isEqualTo("sandbox");
    assertThat(
            Resource.of(
                    metric(
                        "AWS/CloudFront",
                        "Requests",
                        "Region",
                        "Global",
                        "DistributionId",
                        "dev-cdn"))
                .environment())
        .isEqualTo("dev");
    double qa = Resource.scaleOf("qa");
    assertThat(qa).isBetween(0.1, 1.0).isEqualTo(Resource.scaleOf("qa"));
    assertThat(Resource.scaleOf("perf")).isNotEqualTo(qa);
  }

  @Test
  void dimensionOrderDoesNotChangeTheSeries() {
    MetricId one = metric("AWS/ApiGateway", "Count", "ApiId", "prod-http-api", "Stage", "$default");
    MetricId other =
        metric("AWS/ApiGateway", "Count", "Stage", "$default", "ApiId", "prod-http-api");
    for (long t = DAY_START; t < DAY_START + 3600; t += 60) {
      assertThat(MODEL.value(other, SUM, 60, t)).isEqualTo(MODEL.value(one, SUM, 60, t));
    }
  }

  @Test
  void unknownMetricsHaveNoSeries() {
    assertThat(
            MODEL.series(metric("AWS/RDS", "CPUCreditBalance", "DBInstanceIdentifier", "prod-db")))
        .isNull();
    assertThat(MODEL.series(metric("AWS/RDS", "CPUUtilization"))).isNull();
    assertThat(MODEL.value(metric("Custom", "X"), AVERAGE, 60, DAY_START)).isNaN();
  }

  private static double hourOfRequests(String env, int hour) {
    MetricId requests =
        metric(
            "AWS/ApplicationELB",
            "RequestCount",
            "LoadBalancer",
            "app/" + env + "-alb/50dc6c495c0c9188");
    double total = 0;
    for (long t = DAY_START + hour * 3600L; t < DAY_START + (hour + 1) * 3600L; t += 60) {
      total += MODEL.value(requests, SUM, 60, t);
    }
    return total;
  }

  private static double sum(String namespace, String name, String dimension, String value, long t) {
    return MODEL.value(metric(namespace, name, dimension, value), SUM, 60, t);
  }

  private static MetricId metric(String namespace, String name, String... dimensions) {
    List<MetricDimension> dims = new ArrayList<>();
    for (int i = 0; i < dimensions.length; i += 2) {
      dims.add(new MetricDimension(dimensions[i], dimensions[i + 1]));
    }
    return new MetricId(namespace, name, dims);
  }

  /** Every catalog metric for one environment, with the conventional resource names. */
  static List<MetricId> estate(String env) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    values.put("DBInstanceIdentifier", List.of(env + "-db"));
    values.put("CacheClusterId", List.of(env + "-redis-001"));
    values.put("ClusterName", List.of(env + "-cluster"));
    values.put("ServiceName", List.of(env + "-app"));
    values.put("FunctionName", List.of(env + "-api", env + "-worker"));
    values.put("ApiId", List.of(env + "-http-api"));
    values.put("Stage", List.of("$default"));
    values.put("LoadBalancer", List.of("app/" + env + "-alb/50dc6c495c0c9188"));
    values.put("TargetGroup", List.of("targetgroup/" + env + "-tg/6d0ecf831eec9f09"));
    values.put("DistributionId", List.of(env + "-cdn"));
    values.put("Region", List.of("Global"));
    values.put(
        "QueueName",
        List.of(env + "-processing", env + "-email", env + "-processing-dlq", env + "-email-dlq"));
    values.put("NatGatewayId", List.of(env + "-nat-1"));
    List<MetricId> estate = new ArrayList<>();
    for (MetricSpec spec : MetricCatalog.all()) {
      List<List<MetricDimension>> combos = new ArrayList<>();
      combos.add(List.of());
      for (String name : spec.dimensionNames()) {
        List<List<MetricDimension>> next = new ArrayList<>();
        for (List<MetricDimension> combo : combos) {
          for (String value : values.get(name)) {
            List<MetricDimension> longer = new ArrayList<>(combo);
            longer.add(new MetricDimension(name, value));
            next.add(longer);
          }
        }
        combos = next;
      }
      combos.forEach(dims -> estate.add(new MetricId(spec.namespace(), spec.metricName(), dims)));
    }
    return estate;
  }
}
