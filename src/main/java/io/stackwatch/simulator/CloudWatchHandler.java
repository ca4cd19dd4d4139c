package io.stackwatch.simulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Simulated CloudWatch ({@code monitoring}, API 2010-08-01, Query protocol): GetMetricData over the
 * {@link MetricModel} and ListMetrics over the registered metrics and the metrics the {@link
 * SimulatedStack}'s resources publish. Its controls let tests and demos shape the answers: {@link
 * #pageSize}, {@link #register}, {@link #scenarios}, {@link #listsStack}, {@link
 * #answersUnknownResources}, and two behaviours of endpoints we did not write: {@link #answerTime}
 * (slow answers to big requests) and {@link #refuseStatistic} (a statistic the endpoint cannot
 * compute).
 */
public final class CloudWatchHandler implements ServiceHandler {

  /** CloudWatch's XML namespace. */
  public static final String NAMESPACE = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  private static final int LIST_METRICS_PAGE = 500;

  /** How long an answer may be held at most unless told otherwise; see {@link #answerTime}. */
  public static final Duration DEFAULT_ANSWER_TIME_LIMIT = Duration.ofSeconds(15);

  /** Why a statistic is refused, and with what status. */
  private record Refusal(Stat stat, String text, int status) {}

  private final QueryProtocol protocol = new QueryProtocol(NAMESPACE);
  private final SimulatedStack stack;
  private final MetricModel model;
  private final Scenarios scenarios;
  private final GetMetricDataAction getMetricData;
  private final Map<String, MetricId> registered = new LinkedHashMap<>();
  private final Set<String> registeredKeys = new HashSet<>();
  // Null follows the stack's naming style.
  private volatile Boolean listsStack;
  private volatile Boolean answersUnknownResources;
  private volatile Duration perThousandDatapoints = Duration.ZERO;
  private volatile Duration answerTimeLimit = DEFAULT_ANSWER_TIME_LIMIT;
  private volatile List<Refusal> refusals = List.of();

  CloudWatchHandler(Clock clock, long seed, SimulatedStack stack) {
    this.stack = stack;
    this.model = new MetricModel(seed, this::resourceOf);
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

  /**
   * Makes a metric visible to ListMetrics, in every region, and answered by GetMetricData whatever
   * the stack holds; registering the same metric twice keeps one.
   */
  public CloudWatchHandler register(
      String namespace, String metricName, Map<String, String> dimensions) {
    MetricId metric = MetricId.of(namespace, metricName, dimensions);
    synchronized (registered) {
      if (registered.putIfAbsent(key(metric), metric) == null) {
        registeredKeys.add(key(metric));
      }
    }
    return this;
  }

  /**
   * Whether ListMetrics lists every metric the stack's resources publish in the asked region, as
   * CloudWatch lists what has data, besides what was registered. Resources added at run time are
   * listed either way. Unless set, on for the unconventional naming style and off for the seed
   * style, whose metrics the application registers itself.
   */
  public CloudWatchHandler listsStack(boolean lists) {
    this.listsStack = lists;
    return this;
  }

  /**
   * Whether GetMetricData makes up data for a resource neither the stack holds nor a registration
   * names, reading its environment from its name (today's seed behaviour); when off such a metric
   * has no datapoints, as in CloudWatch. Unless set, on for the seed naming style and off for the
   * unconventional one.
   */
  public CloudWatchHandler answersUnknownResources(boolean answers) {
    this.answersUnknownResources = answers;
    return this;
  }

  /**
   * Makes GetMetricData answers take time in proportion to the datapoints asked: {@code
   * perThousandDatapoints} for every 1,000, counting for each query of the request (EndTime −
   * StartTime) / Period, at most {@link #DEFAULT_ANSWER_TIME_LIMIT}. Zero, the default, answers at
   * once. The answer is held after it is logged; the client's attempt timeout cuts it off.
   */
  public CloudWatchHandler answerTime(Duration perThousandDatapoints) {
    return answerTime(perThousandDatapoints, DEFAULT_ANSWER_TIME_LIMIT);
  }

  /**
   * {@link #answerTime(Duration)} with another bound: no answer is held longer than {@code atMost},
   * since the server cannot tell a client that gave up and has a fixed pool of threads. Lowering
   * either releases answers held longer than the new figures allow.
   */
  public CloudWatchHandler answerTime(Duration perThousandDatapoints, Duration atMost) {
    if (perThousandDatapoints.isNegative() || atMost.isNegative()) {
      throw new IllegalArgumentException("answer times cannot be negative");
    }
    this.perThousandDatapoints = perThousandDatapoints;
    this.answerTimeLimit = atMost;
    return this;
  }

  /**
   * Answers HTTP 500 {@code InternalServiceError} to every GetMetricData request with a query for
   * this statistic, as an endpoint that cannot compute it fails; requests without it are answered
   * normally.
   *
   * @param statistic as in a MetricStat, e.g. {@code p99} or {@code SampleCount}
   */
  public CloudWatchHandler refuseStatistic(String statistic) {
    return refuseStatistic(statistic, 500);
  }

  /**
   * {@link #refuseStatistic(String)} with another status: 5xx answers {@code InternalServiceError},
   * 4xx {@code InvalidParameterValue} (the validation error CloudWatch answers to a statistic it
   * does not accept).
   */
  public CloudWatchHandler refuseStatistic(String statistic, int status) {
    Stat stat = Stat.parse(statistic);
    if (stat == null) {
      throw new IllegalArgumentException("not a statistic GetMetricData takes: " + statistic);
    }
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a refusal is a 4xx or 5xx status, got " + status);
    }
    synchronized (this) {
      List<Refusal> now = new ArrayList<>(refusals);
      now.removeIf(r -> r.stat().equals(stat));
      now.add(new Refusal(stat, statistic, status));
      refusals = List.copyOf(now);
    }
    return this;
  }

  /** Answers every statistic again. */
  public synchronized CloudWatchHandler acceptAllStatistics() {
    refusals = List.of();
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
      case "GetMetricData" -> getMetricData.answer(refusing(MetricDataRequest.parse(form)));
      case "ListMetrics" -> listMetrics(form, region(request));
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

  /**
   * The answer time of a GetMetricData request under the current settings: zero for other
   * operations and for requests too malformed to count.
   */
  @Override
  public Duration answerTime(SimRequest request) {
    Duration perThousand = perThousandDatapoints;
    if (perThousand.isZero() || !"GetMetricData".equals(operation(request))) {
      return Duration.ZERO;
    }
    long datapoints = datapointsAsked(request.form());
    Duration time = perThousand.multipliedBy(datapoints).dividedBy(1000);
    return time.compareTo(answerTimeLimit) > 0 ? answerTimeLimit : time;
  }

  /**
   * For each query, (EndTime − StartTime) / Period, rounded up, summed: what a request asks an
   * endpoint to compute, whatever it returns.
   */
  static long datapointsAsked(QueryForm form) {
    Instant start;
    Instant end;
    try {
      start = Instant.parse(form.get("StartTime"));
      end = Instant.parse(form.get("EndTime"));
    } catch (DateTimeParseException | NullPointerException e) {
      return 0;
    }
    long window = Math.max(0, Duration.between(start, end).getSeconds());
    long total = 0;
    int queries = MetricDataRequest.countQueries(form);
    for (int n = 1; n <= queries; n++) {
      String period = form.get("MetricDataQueries.member." + n + ".MetricStat.Period");
      try {
        long seconds = Long.parseLong(period);
        if (seconds > 0) {
          total += (window + seconds - 1) / seconds;
        }
      } catch (NumberFormatException e) {
        // an expression or a bad period: AWS refuses it before computing anything
      }
    }
    return total;
  }

  /** The request, unless it asks for a statistic this endpoint refuses. */
  private MetricDataRequest refusing(MetricDataRequest request) {
    List<Refusal> now = refusals;
    if (now.isEmpty()) {
      return request;
    }
    for (int n = 0; n < request.queries().size(); n++) {
      MetricStatQuery query = request.queries().get(n);
      for (Refusal refusal : now) {
        if (refusal.stat().equals(query.stat())) {
          throw new ServiceException(refusal(refusal, n + 1));
        }
      }
    }
    return request;
  }

  private static ServiceError refusal(Refusal refusal, int member) {
    if (refusal.status() >= 500) {
      return new ServiceError(
          refusal.status(), "Receiver", "InternalServiceError", "Internal service error");
    }
    return new ServiceError(
        refusal.status(),
        "Sender",
        "InvalidParameterValue",
        "The value "
            + refusal.text()
            + " for parameter MetricDataQueries.member."
            + member
            + ".MetricStat.Stat is not supported.");
  }

  /** The resource a queried metric is about, for the model; null when it has no data. */
  private Resource resourceOf(MetricId metric) {
    if (stack.removed(metric)) {
      return null;
    }
    Resource held = stack.resource(metric);
    if (held != null) {
      return held;
    }
    if (answersUnknownResources()) {
      return Resource.of(metric);
    }
    boolean known;
    synchronized (registered) {
      known = registeredKeys.contains(key(metric));
    }
    return known || metric.dimensions().isEmpty() ? Resource.of(metric) : null;
  }

  private boolean listsStack() {
    Boolean set = listsStack;
    return set != null ? set : stack.naming() == SimulatedStack.Naming.UNCONVENTIONAL;
  }

  private boolean answersUnknownResources() {
    Boolean set = answersUnknownResources;
    return set != null ? set : stack.naming() == SimulatedStack.Naming.SEED;
  }

  private static String region(SimRequest request) {
    return request.region() == null ? SimulatedStack.DEFAULT_REGION : request.region();
  }

  // --- ListMetrics ---

  private record DimensionFilter(String name, String value) {
    boolean accepts(MetricId metric) {
      String actual = metric.dimension(name);
      return actual != null && (value == null || value.equals(actual));
    }
  }

  private SimResponse listMetrics(QueryForm form, String region) {
    String namespace = form.get("Namespace");
    String metricName = form.get("MetricName");
    List<DimensionFilter> filters = new ArrayList<>();
    for (int k = 1; form.has("Dimensions.member." + k + ".Name"); k++) {
      filters.add(
          new DimensionFilter(
              form.get("Dimensions.member." + k + ".Name"),
              form.get("Dimensions.member." + k + ".Value")));
    }
    // What was registered, then what the stack publishes here that was not.
    List<MetricId> candidates = new ArrayList<>(registered());
    Set<String> seen = new HashSet<>();
    candidates.forEach(m -> seen.add(key(m)));
    for (MetricId metric : stack.published(region, listsStack())) {
      if (seen.add(key(metric))) {
        candidates.add(metric);
      }
    }
    List<MetricId> matching = new ArrayList<>();
    for (MetricId metric : candidates) {
      if ((namespace == null || namespace.equals(metric.namespace()))
          && (metricName == null || metricName.equals(metric.metricName()))
          && filters.stream().allMatch(f -> f.accepts(metric))) {
        matching.add(metric);
      }
    }
    long fingerprint =
        Noise.hash(0, region + "\n" + namespace + "\n" + metricName + "\n" + filters);
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
