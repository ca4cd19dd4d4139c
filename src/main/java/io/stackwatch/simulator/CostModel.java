package io.stackwatch.simulator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generates an account's daily AWS bill from nothing but a seed, the way {@link MetricModel}
 * generates metrics: the cost of a line on a day is a function of the seed, the line and the date,
 * so any range can be computed without history and comes out the same every time.
 *
 * <p>The monthly figures are the seed's "Cost Breakdown (Estimated Monthly)": dev about $79,
 * staging $254, prod $596 per 30-day month, split into NAT gateways and data transfer (both service
 * {@code EC2 - Other}, told apart by usage type), RDS, ElastiCache, CloudFront (not in dev) and the
 * other services (ECS Fargate, Lambda, API Gateway, S3, SQS, SNS, CloudWatch). Other environment
 * names get prod's shape scaled by {@link Resource#scaleOf}. On top, about 3 % of the account's
 * spend carries no {@code Environment} tag (CloudWatch, S3, Route 53, KMS, CloudTrail).
 *
 * <p>Hourly resources (NAT gateway hours, instances, storage) cost nearly the same every day;
 * traffic charges peak on weekdays and dip at weekends. The weekly shape averages to 1, so a 30-day
 * month comes to the monthly figure give or take the noise.
 */
public final class CostModel {

  /** The cost allocation tag whose values are the environments. */
  public static final String TAG_KEY = "Environment";

  /** The environments every account in the simulator has. */
  public static final List<String> DEFAULT_ENVIRONMENTS = List.of("dev", "staging", "prod");

  /** The share of the whole bill that carries no Environment tag. */
  static final double UNTAGGED_SHARE = 0.03;

  static final String EC2_OTHER = "EC2 - Other";
  static final String RDS = "Amazon Relational Database Service";
  static final String ELASTICACHE = "Amazon ElastiCache";
  static final String CLOUDFRONT = "Amazon CloudFront";
  static final String ECS = "Amazon Elastic Container Service";
  static final String LAMBDA = "AWS Lambda";
  static final String API_GATEWAY = "Amazon API Gateway";
  static final String S3 = "Amazon Simple Storage Service";
  static final String SQS = "Amazon Simple Queue Service";
  static final String SNS = "Amazon Simple Notification Service";
  static final String CLOUDWATCH = "AmazonCloudWatch";

  private static final String REGION = "us-east-1";
  private static final String GLOBAL = "global";

  // Weekday traffic 6 % above the mean, weekend 15 % below: 5 * 1.06 + 2 * 0.85 = 7.
  private static final double WEEKDAY = 1.06;
  private static final double WEEKEND = 0.85;
  private static final double TRAFFIC_NOISE = 0.06;
  private static final double FLAT_NOISE = 0.01;

  /**
   * The seed's monthly breakdown of one environment, in USD per 30 days.
   *
   * @param transfer data transfer out of the VPC (usage types {@code DataTransfer-*} of {@code EC2
   *     - Other})
   */
  private record Breakdown(
      double nat, double rds, double cache, double cloudFront, double transfer, double other) {

    Breakdown times(double factor) {
      return new Breakdown(
          nat * factor,
          rds * factor,
          cache * factor,
          cloudFront * factor,
          transfer * factor,
          other * factor);
    }

    double total() {
      return nat + rds + cache + cloudFront + transfer + other;
    }
  }

  private static final Breakdown DEV = new Breakdown(32, 15, 12, 0, 10, 10);
  private static final Breakdown STAGING = new Breakdown(96, 30, 48, 20, 30, 30);
  private static final Breakdown PROD = new Breakdown(96, 120, 180, 50, 100, 50);

  private final long seed;
  private final Map<String, List<CostLine>> lines = new ConcurrentHashMap<>();

  public CostModel(long seed) {
    this.seed = seed;
  }

  /**
   * The lines of an environment ({@code ""} for the untagged remainder); any name is an
   * environment, sized from its hash if it is not one of {@link #DEFAULT_ENVIRONMENTS}.
   */
  public List<CostLine> lines(String environment) {
    return lines.computeIfAbsent(environment, CostModel::build);
  }

  /** What the environment costs over a 30-day month, before noise and scenarios. */
  public double monthlyEstimate(String environment) {
    return lines(environment).stream().mapToDouble(CostLine::monthlyUsd).sum();
  }

  /** The final cost of a line on a day in USD, noise included, scenarios and estimates not. */
  public double amount(CostLine line, LocalDate day) {
    double noise = line.traffic() ? TRAFFIC_NOISE : FLAT_NOISE;
    double u = Noise.unit(dayHash(line, day));
    return expected(line, day) * (1 + noise * (2 * u - 1));
  }

  /**
   * The mean cost of a line on a day in USD: the weekly shape without noise (what a forecast sees).
   */
  public double expected(CostLine line, LocalDate day) {
    return line.monthlyUsd() / 30 * (line.traffic() ? weekly(day) : 1);
  }

  /** A hash of the line and day, for every random choice about that line on that day. */
  long dayHash(CostLine line, LocalDate day) {
    long h = Noise.hash(seed, line.environment());
    h = Noise.hash(h, line.service());
    h = Noise.hash(h, line.usageType());
    return Noise.mix(h ^ Noise.mix(day.toEpochDay() * 0x9E3779B97F4A7C15L));
  }

  static double weekly(LocalDate day) {
    DayOfWeek d = day.getDayOfWeek();
    return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? WEEKEND : WEEKDAY;
  }

  private static List<CostLine> build(String environment) {
    if (environment.isEmpty()) {
      return untagged();
    }
    Breakdown b =
        switch (environment) {
          case "dev" -> DEV;
          case "staging" -> STAGING;
          case "prod" -> PROD;
          default -> PROD.times(Resource.scaleOf(environment));
        };
    String size =
        switch (environment) {
          case "dev" -> "micro";
          case "staging" -> "small";
          default -> "medium";
        };
    boolean multiAz = !environment.equals("dev") && !environment.equals("staging");
    List<CostLine> out = new ArrayList<>();
    Adder add =
        (service, usageType, region, monthly, traffic) -> {
          if (monthly > 0) {
            out.add(new CostLine(environment, service, usageType, region, monthly, traffic));
          }
        };
    // NAT gateways: $0.045 an hour each, plus $0.045 per GB processed.
    add.line(EC2_OTHER, "NatGateway-Hours", REGION, b.nat() * 0.9, false);
    add.line(EC2_OTHER, "NatGateway-Bytes", REGION, b.nat() * 0.1, true);
    // Data transfer out of EC2 bills under EC2 - Other in Cost Explorer, told apart by usage type.
    add.line(EC2_OTHER, "DataTransfer-Out-Bytes", REGION, b.transfer() * 0.8, true);
    add.line(EC2_OTHER, "DataTransfer-Regional-Bytes", REGION, b.transfer() * 0.2, true);
    add.line(
        RDS,
        (multiAz ? "Multi-AZUsage:db.t3." : "InstanceUsage:db.t3.") + size,
        REGION,
        b.rds() * 0.85,
        false);
    add.line(
        RDS,
        multiAz ? "RDS:Multi-AZ-GP2-Storage" : "RDS:GP2-Storage",
        REGION,
        b.rds() * 0.15,
        false);
    add.line(ELASTICACHE, "NodeUsage:cache.t3." + size, REGION, b.cache(), false);
    add.line(CLOUDFRONT, "US-DataTransfer-Out-Bytes", GLOBAL, b.cloudFront() * 0.8, true);
    add.line(CLOUDFRONT, "US-Requests-Tier1", GLOBAL, b.cloudFront() * 0.2, true);
    double other = b.other();
    add.line(ECS, "USE1-Fargate-vCPU-Hours:perCPU", REGION, other * 0.25, false);
    add.line(ECS, "USE1-Fargate-GB-Hours", REGION, other * 0.07, false);
    add.line(LAMBDA, "Lambda-GB-Second", REGION, other * 0.12, true);
    add.line(LAMBDA, "Request", REGION, other * 0.03, true);
    add.line(API_GATEWAY, "USE1-ApiGatewayHttpRequest", REGION, other * 0.13, true);
    add.line(S3, "TimedStorage-ByteHrs", REGION, other * 0.10, false);
    add.line(S3, "Requests-Tier1", REGION, other * 0.05, true);
    add.line(SQS, "Requests-RBP", REGION, other * 0.05, true);
    add.line(SNS, "Requests-Tier1", REGION, other * 0.02, true);
    add.line(CLOUDWATCH, "CW:MetricMonitorUsage", REGION, other * 0.10, false);
    add.line(CLOUDWATCH, "DataProcessing-Bytes", REGION, other * 0.08, true);
    return List.copyOf(out);
  }

  /** Account-wide spend nobody tagged: {@value #UNTAGGED_SHARE} of the default estate's bill. */
  private static List<CostLine> untagged() {
    double tagged = DEV.total() + STAGING.total() + PROD.total();
    double total = tagged * UNTAGGED_SHARE / (1 - UNTAGGED_SHARE);
    return List.of(
        new CostLine("", CLOUDWATCH, "CW:MetricMonitorUsage", REGION, total * 0.25, false),
        new CostLine("", S3, "TimedStorage-ByteHrs", REGION, total * 0.25, false),
        new CostLine("", "Amazon Route 53", "HostedZone", GLOBAL, total * 0.15, false),
        new CostLine("", "Amazon Route 53", "DNS-Queries", GLOBAL, total * 0.05, true),
        new CostLine(
            "", "AWS Key Management Service", "us-east-1-KMS-Keys", REGION, total * 0.15, false),
        new CostLine("", "AWS CloudTrail", "PaidEventsRecorded", REGION, total * 0.15, true));
  }

  @FunctionalInterface
  private interface Adder {
    void line(String service, String usageType, String region, double monthly, boolean traffic);
  }
}
