package io.stackwatch.discovery;

import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.AwsErrors;
import io.stackwatch.catalog.AwsTarget;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesRequest;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.GetResourcesResponse;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.ResourceTagMapping;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;

/**
 * {@link ResourceSource} over the Resource Groups Tagging API ({@code GetResources}) and
 * CloudWatch's {@code ListMetrics}, through the real SDK clients, every page followed.
 */
@Singleton
public class TaggingResourceSource implements ResourceSource {

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

  private static Failure failure(SdkException e) {
    boolean refused =
        e instanceof AwsServiceException s
            && s.statusCode() >= 400
            && s.statusCode() < 500
            && !s.isThrottlingException();
    return new Failure(AwsErrors.describe(e), refused);
  }
}
