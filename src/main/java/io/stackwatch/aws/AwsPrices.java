package io.stackwatch.aws;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;

/**
 * List prices (us-east-1) of the AWS calls stackwatch makes. GetMetricData is billed per metric
 * requested, Cost Explorer per request (and page), SNS per publish and SQS per request beyond their
 * free tiers, which are ignored here so the figure is an upper bound; the tagging API and STS are
 * free. The maintenance checks' calls (CloudWatch Logs FilterLogEvents and DescribeLogGroups, EC2
 * and RDS Describe calls) carry no per-request fee in AWS's price lists (Logs bills ingestion,
 * storage and Insights queries, not FilterLogEvents), so they count here at 0.
 */
final class AwsPrices {

  static final double GET_METRIC_DATA_PER_METRIC = 0.01 / 1000;
  static final double CLOUDWATCH_OTHER_PER_REQUEST = 0.01 / 1000;
  static final double COST_EXPLORER_PER_REQUEST = 0.01;
  static final double SNS_PER_PUBLISH = 0.50 / 1_000_000;
  static final double SQS_PER_REQUEST = 0.40 / 1_000_000;

  private AwsPrices() {}

  /** Metrics a request asks for, which is how GetMetricData is billed; 0 for other requests. */
  static int metricsRequested(SdkRequest request) {
    return request instanceof GetMetricDataRequest g ? g.metricDataQueries().size() : 0;
  }

  /** Price in US dollars of one successful call. */
  static double price(String service, String operation, int metricsRequested) {
    return switch (service) {
      case "CloudWatch" ->
          operation.equals("GetMetricData")
              ? metricsRequested * GET_METRIC_DATA_PER_METRIC
              : CLOUDWATCH_OTHER_PER_REQUEST;
      case "CostExplorer" -> COST_EXPLORER_PER_REQUEST;
      case "SNS", "Sns" -> SNS_PER_PUBLISH;
      case "Sqs" -> SQS_PER_REQUEST;
      // CloudWatchLogs, Ec2, Rds: Describe and FilterLogEvents calls have no per-request fee.
      default -> 0;
    };
  }
}
