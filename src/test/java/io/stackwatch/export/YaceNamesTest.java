package io.stackwatch.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackwatch.series.MetricStat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Tag("plain")
class YaceNamesTest {

  @ParameterizedTest
  @CsvSource({
    "AWS/RDS, CPUUtilization, Average, aws_rds_cpuutilization_average",
    "AWS/RDS, FreeStorageSpace, Minimum, aws_rds_free_storage_space_minimum",
    "AWS/ApiGateway, 5xx, Sum, aws_apigateway_5xx_sum",
    "AWS/ApiGateway, Latency, p99, aws_apigateway_latency_p99",
    "AWS/ApplicationELB, HTTPCode_Target_5XX_Count, Sum, aws_applicationelb_httpcode_target_5_xx_count_sum",
    "AWS/ElastiCache, CacheHits, Sum, aws_elasticache_cache_hits_sum",
    "AWS/SQS, ApproximateAgeOfOldestMessage, Maximum, aws_sqs_approximate_age_of_oldest_message_maximum",
    "AWS/NATGateway, ErrorPortAllocation, Sum, aws_natgateway_error_port_allocation_sum",
    "AWS/CloudFront, 5xxErrorRate, Average, aws_cloudfront_5xx_error_rate_average",
    "ECS/ContainerInsights, RunningTaskCount, Average, aws_ecs_containerinsights_running_task_count_average",
    "AWS/Lambda, ConcurrentExecutions, Maximum, aws_lambda_concurrent_executions_maximum",
  })
  void namesMetricsAsTheExporterDoes(String namespace, String metric, String stat, String name) {
    assertThat(YaceNames.metricName(new MetricStat(namespace, metric, List.of(), stat, 60)))
        .isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource({"DBInstanceIdentifier, dimension_DBInstanceIdentifier", "Stage, dimension_Stage"})
  void keepsDimensionNamesAsTheyAre(String dimension, String label) {
    assertThat(YaceNames.dimensionLabel(dimension)).isEqualTo(label);
  }
}
