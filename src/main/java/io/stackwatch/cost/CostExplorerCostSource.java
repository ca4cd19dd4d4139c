package io.stackwatch.cost;

import io.stackwatch.aws.ApiCallMeter;
import io.stackwatch.aws.AwsClients;
import io.stackwatch.aws.AwsErrors;
import io.stackwatch.catalog.AwsTarget;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.DateInterval;
import software.amazon.awssdk.services.costexplorer.model.Expression;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageRequest;
import software.amazon.awssdk.services.costexplorer.model.GetCostAndUsageResponse;
import software.amazon.awssdk.services.costexplorer.model.GetCostForecastResponse;
import software.amazon.awssdk.services.costexplorer.model.Granularity;
import software.amazon.awssdk.services.costexplorer.model.Group;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinition;
import software.amazon.awssdk.services.costexplorer.model.GroupDefinitionType;
import software.amazon.awssdk.services.costexplorer.model.ResultByTime;
import software.amazon.awssdk.services.costexplorer.model.TagValues;

/** {@link CostSource} over Cost Explorer, through the real SDK client. */
@Singleton
public class CostExplorerCostSource implements CostSource {

  private static final String CAP = "the daily cap stackwatch.cost.max-requests-per-day";

  private final AwsClients clients;

  public CostExplorerCostSource(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public Answer costs(
      AwsTarget target,
      LocalDate start,
      LocalDate end,
      String tagKey,
      CostConfig.CostMetric metric,
      int maxRequests) {
    List<GroupDefinition> groups = new ArrayList<>();
    groups.add(GroupDefinition.builder().type(GroupDefinitionType.TAG).key(tagKey).build());
    groups.add(
        GroupDefinition.builder().type(GroupDefinitionType.DIMENSION).key("SERVICE").build());
    CostExplorerClient ce = clients.costExplorer(target);
    List<CostLine> lines = new ArrayList<>();
    // Every HTTP request counts, retries included: AWS bills each, and the cap holds them.
    ApiCallMeter.Attempts attempts = new ApiCallMeter.Attempts(maxRequests, CAP);
    String token = null;
    try {
      do {
        if (attempts.sent() >= maxRequests) {
          throw new Failure(
              "the answer needs more than the " + maxRequests + " requests left today",
              attempts.sent(),
              null);
        }
        GetCostAndUsageResponse page =
            ce.getCostAndUsage(
                GetCostAndUsageRequest.builder()
                    .timePeriod(period(start, end))
                    .granularity(Granularity.DAILY)
                    .metrics(metric.name())
                    .groupBy(groups)
                    .nextPageToken(token)
                    .overrideConfiguration(
                        o -> o.putExecutionAttribute(ApiCallMeter.ATTEMPTS, attempts))
                    .build());
        if (!page.hasResultsByTime()) {
          // Cost Explorer always answers ResultsByTime: without it the answer is broken, and must
          // not replace the stored costs with nothing.
          throw new Failure("Cost Explorer answered without ResultsByTime", attempts.sent(), null);
        }
        for (ResultByTime r : page.resultsByTime()) {
          LocalDate day = LocalDate.parse(r.timePeriod().start());
          for (Group g : r.groups()) {
            lines.add(
                new CostLine(
                    day,
                    environment(g.keys().get(0), tagKey),
                    g.keys().get(1),
                    new BigDecimal(g.metrics().get(metric.name()).amount()),
                    Boolean.TRUE.equals(r.estimated())));
          }
        }
        token = page.nextPageToken();
      } while (token != null && !token.isEmpty());
    } catch (SdkException e) {
      throw new Failure(AwsErrors.describe(e), attempts.sent(), e);
    }
    return new Answer(lines, attempts.sent());
  }

  @Override
  public Forecasted forecast(
      AwsTarget target,
      LocalDate start,
      LocalDate end,
      String tagKey,
      String environment,
      CostConfig.CostMetric metric,
      int maxRequests) {
    ApiCallMeter.Attempts attempts = new ApiCallMeter.Attempts(maxRequests, CAP);
    try {
      GetCostForecastResponse r =
          clients
              .costExplorer(target)
              .getCostForecast(
                  b ->
                      b.timePeriod(period(start, end))
                          .granularity(Granularity.MONTHLY)
                          .metric(metric.forecastName())
                          .filter(
                              Expression.builder()
                                  .tags(TagValues.builder().key(tagKey).values(environment).build())
                                  .build())
                          .overrideConfiguration(
                              o -> o.putExecutionAttribute(ApiCallMeter.ATTEMPTS, attempts)));
      if (r.total() == null || r.total().amount() == null) {
        throw new Failure(
            "Cost Explorer answered a forecast without a Total", attempts.sent(), null);
      }
      try {
        return new Forecasted(new BigDecimal(r.total().amount()), attempts.sent());
      } catch (NumberFormatException e) {
        throw new Failure(
            "Cost Explorer answered a forecast total that is not a number", attempts.sent(), e);
      }
    } catch (SdkException e) {
      throw new Failure(AwsErrors.describe(e), attempts.sent(), e);
    }
  }

  private static DateInterval period(LocalDate start, LocalDate end) {
    return DateInterval.builder().start(start.toString()).end(end.toString()).build();
  }

  /** A tag group key reads {@code Environment$prod}; {@code Environment$} is untagged spend. */
  static String environment(String groupKey, String tagKey) {
    String prefix = tagKey + "$";
    return groupKey.startsWith(prefix) ? groupKey.substring(prefix.length()) : groupKey;
  }
}
