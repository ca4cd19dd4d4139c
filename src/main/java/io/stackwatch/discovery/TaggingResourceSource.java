package io.stackwatch.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.AwsErrors;
import io.stackwatch.catalog.AwsTarget;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@link ResourceSource} over the Resource Groups Tagging API ({@code GetResources}), CloudWatch's
 * {@code ListMetrics} and SQS's {@code GetQueueAttributes}, through the real SDK clients, every
 * page followed.
 */
@Singleton
public class TaggingResourceSource implements ResourceSource {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AwsClients clients;

  public TaggingResourceSource(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public List<String> tagged(AwsTarget target, String key, String value, List<String> services) {
    GetResourcesRequest request =
        GetResourcesRequest.builder()
            .tagFilters(TagFilter.builder().key(key).values(value).build())
            .resourceTypeFilters(services)
            .resourcesPerPage(100)
            .build();
    List<String> arns = new ArrayList<>();
    try {
      for (GetResourcesResponse page : clients.tagging(target).getResourcesPaginator(request)) {
        for (ResourceTagMapping m : page.resourceTagMappingList()) {
          arns.add(m.resourceARN());
        }
      }
      return arns;
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  @Override
  public List<Map<String, String>> dimensions(AwsTarget target, String namespace, String metric) {
    ListMetricsRequest request =
        ListMetricsRequest.builder().namespace(namespace).metricName(metric).build();
    List<Map<String, String>> sets = new ArrayList<>();
    try {
      for (ListMetricsResponse page : clients.cloudWatch(target).listMetricsPaginator(request)) {
        for (Metric m : page.metrics()) {
          Map<String, String> dims = new LinkedHashMap<>();
          m.dimensions().forEach(d -> dims.put(d.name(), d.value()));
          sets.add(dims);
        }
      }
      return sets;
    } catch (SdkException e) {
      throw failure(e);
    }
  }

  @Override
  public Optional<String> deadLetterQueue(AwsTarget target, String queueArn) {
    // arn:aws:sqs:<region>:<account>:<name>, the URL SQS would give for it.
    String[] arn = queueArn.split(":", 6);
    String url = "https://sqs." + arn[3] + ".amazonaws.com/" + arn[4] + "/" + arn[5];
    try {
      String policy =
          clients
              .sqs(target)
              .getQueueAttributes(
                  r -> r.queueUrl(url).attributeNames(QueueAttributeName.REDRIVE_POLICY))
              .attributes()
              .get(QueueAttributeName.REDRIVE_POLICY);
      if (policy == null || policy.isBlank()) {
        return Optional.empty();
      }
      String dlq = JSON.readTree(policy).path("deadLetterTargetArn").asText("");
      return dlq.isEmpty()
          ? Optional.empty()
          : Optional.of(dlq.substring(dlq.lastIndexOf(':') + 1));
    } catch (SdkException e) {
      throw failure(e);
    } catch (JsonProcessingException e) {
      throw new Failure(
          "the RedrivePolicy of " + queueArn + " is not JSON: " + e.getOriginalMessage(), true);
    }
  }

  private static Failure failure(SdkException e) {
    boolean refused =
        e instanceof AwsServiceException s
            && s.statusCode() >= 400
            && s.statusCode() < 500
            && !s.isThrottlingException();
    return new Failure(AwsErrors.describe(e), refused);
  }
}
