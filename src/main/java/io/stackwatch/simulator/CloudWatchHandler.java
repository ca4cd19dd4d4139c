package io.stackwatch.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simulated CloudWatch ({@code monitoring}, API 2010-08-01, Query protocol): GetMetricData over the
 * {@link MetricModel} and ListMetrics over the registered metrics. Its controls let tests and demos
 * shape the answers: {@link #pageSize}, {@link #register}, {@link #scenarios}.
 */
public final class CloudWatchHandler implements ServiceHandler {

  /** CloudWatch's XML namespace. */
  public static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  private static final int LIST_METRICS_PAGE = 500;

  private final QueryProtocol protocol = new QueryProtocol(NAMESPACE);
  private final MetricModel model;
  private final Scenarios scenarios;
  private final GetMetricDataAction getMetricData;
  private final Map<String, MetricId> registered = new LinkedHashMap<>();

  CloudWatchHandler(Clock clock, long seed) {
    this.model = new MetricModel(seed);
    this.scenarios = new Scenarios(clock);
    this.getMetricData = new GetMetricDataAction(clock, model, scenarios, protocol);
  }

  // --- controls ---

  /**
   * Caps the datapoints of one GetMetricData response below CloudWatch's 100,800, so tests can
   * exercise paging with little data.
   */
  public CloudWatchHandler pageSize(int datapoints) {
    getMetricData.pageSize(datapoints);
    return this;
  }

  /** Makes a metric visible to ListMetrics; registering the same metric twice keeps one. */
  public CloudWatchHandler register(
      String namespace, String metricName, Map<String, String> dimensions) {
    MetricId metric = MetricId.of(namespace, metricName, dimensions);
    synchronized (registered) {
      registered.putIfAbsent(key(metric), metric);
    }
    return this;
  }

  /** The metrics ListMetrics can return, in registration order. */
  public List<MetricId> registered() {
    synchronized (registered) {
      return List.copyOf(registered.values());
    }
  }

  public Scenarios scenarios() {
    return scenarios;
  }

  /** The data model behind GetMetricData, without scenarios. */
  public MetricModel model() {
    return model;
  }

  // --- ServiceHandler ---

  @Override
  public int queries(SimRequest request) {
    return "GetMetricData".equals(operation(request))
        ? MetricDataRequest.countQueries(request.form())
        : 0;
  }

  @Override
  public SimResponse handle(SimRequest request) {
    QueryForm form = request.form();
    String action = operation(request);
    return switch (action) {
      case "GetMetricData" -> getMetricData.answer(MetricDataRequest.parse(form));
      case "ListMetrics" -> listMetrics(form);
      default ->
          throw ServiceException.sender(
              "InvalidAction",
              "The action " + action + " is not valid for this web service (or not simulated).");
    };
  }

  @Override
  public SimResponse error(ServiceError error) {
    return protocol.error(error);
  }

  /** CloudWatch's 500 is the modeled InternalServiceFault, whose wire code is this. */
  @Override
  public ServiceError serverError() {
    return new ServiceError(500, "Receiver", "InternalServiceError", "Internal service error");
  }

  // --- ListMetrics ---

  private record DimensionFilter(String name, String value) {
    boolean accepts(MetricId metric) {
      String actual = metric.dimension(name);
      return actual != null && (value == null || value.equals(actual));
    }
  }

  private SimResponse listMetrics(QueryForm form) {
    String namespace = form.get("Namespace");
    String metricName = form.get("MetricName");
    List<DimensionFilter> filters = new ArrayList<>();
    for (int k = 1; form.has("Dimensions.member." + k + ".Name"); k++) {
      filters.add(
          new DimensionFilter(
              form.get("Dimensions.member." + k + ".Name"),
              form.get("Dimensions.member." + k + ".Value")));
    }
    List<MetricId> matching = new ArrayList<>();
    for (MetricId metric : registered()) {
      if ((namespace == null || namespace.equals(metric.namespace()))
          && (metricName == null || metricName.equals(metric.metricName()))
          && filters.stream().allMatch(f -> f.accepts(metric))) {
        matching.add(metric);
      }
    }
    long fingerprint = Noise.hash(0, namespace + "\n" + metricName + "\n" + filters);
    int offset = (int) PageToken.offset(form.get("NextToken"), fingerprint, matching.size());
    int end = Math.min(matching.size(), offset + LIST_METRICS_PAGE);
    List<MetricId> page = matching.subList(offset, end);
    return protocol.result(
        "ListMetrics",
        200 * page.size(),
        xml -> {
          xml.open("Metrics");
          for (MetricId metric : page) {
            xml.open("member")
                .element("Namespace", metric.namespace())
                .element("MetricName", metric.metricName())
                .open("Dimensions");
            for (MetricDimension d : metric.dimensions()) {
              xml.open("member")
                  .element("Name", d.name())
                  .element("Value", d.value())
                  .close("member");
            }
            xml.close("Dimensions").close("member");
          }
          xml.close("Metrics");
          if (end < matching.size()) {
            xml.element("NextToken", PageToken.of(end, fingerprint));
          }
        });
  }

  private static String key(MetricId metric) {
    return metric.namespace() + '\n' + metric.metricName() + '\n' + metric.sortedDimensions();
  }

  @Override
  public SimResponse empty(String operation) {
    return protocol.result(operation, 0, xml -> {});
  }

  @Override
  public SimResponse partial(SimRequest request) {
    if (!"GetMetricData".equals(operation(request))) {
      return handle(request);
    }
    return getMetricData.answerPartially(MetricDataRequest.parse(request.form()));
  }
}
