package io.stackwatch.simulator;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A GetMetricData request read from its Query-protocol form, validated as CloudWatch validates it.
 *
 * @param ascending ScanBy=TimestampAscending; AWS's default is descending
 * @param maxDatapoints the caller's MaxDatapoints, or CloudWatch's maximum 100,800
 * @param nextToken the paging token, or null on a first call
 */
record MetricDataRequest(
    Instant start,
    Instant end,
    List<MetricStatQuery> queries,
    boolean ascending,
    int maxDatapoints,
    String nextToken) {

  static final int MAX_QUERIES = 500;
  static final int MAX_DATAPOINTS = 100_800;
  private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
  private static final String QUERIES = "MetricDataQueries";

  /** The number of queries a form carries, without validating them. */
  static int countQueries(QueryForm form) {
    return form.memberCount(QUERIES);
  }

  /**
   * @throws ServiceException with the error CloudWatch would answer
   */
  static MetricDataRequest parse(QueryForm form) {
    int count = countQueries(form);
    if (count > MAX_QUERIES) {
      throw invalidValue("The collection MetricDataQueries must not have a size greater than 500.");
    }
    List<MetricStatQuery> queries = new ArrayList<>(count);
    Set<String> ids = new HashSet<>();
    for (int n = 1; n <= count; n++) {
      MetricStatQuery query = query(form, n);
      if (!ids.add(query.id())) {
        throw validation("The values for parameter Id in MetricDataQueries must be unique.");
      }
      queries.add(query);
    }
    Instant start = time(form, "StartTime");
    Instant end = time(form, "EndTime");
    if (!start.isBefore(end)) {
      throw invalidValue("The parameter StartTime must be less than the parameter EndTime.");
    }
    String scanBy = form.get("ScanBy");
    if (scanBy != null
        && !scanBy.equals("TimestampAscending")
        && !scanBy.equals("TimestampDescending")) {
      throw validation(
          "1 validation error detected: Value '"
              + scanBy
              + "' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set:"
              + " [TimestampDescending, TimestampAscending]");
    }
    int maxDatapoints = MAX_DATAPOINTS;
    if (form.has("MaxDatapoints")) {
      maxDatapoints = positiveInt(form, "MaxDatapoints");
    }
    return new MetricDataRequest(
        start,
        end,
        queries,
        "TimestampAscending".equals(scanBy),
        maxDatapoints,
        form.get("NextToken"));
  }

  private static MetricStatQuery query(QueryForm form, int n) {
    String prefix = QUERIES + ".member." + n + ".";
    String id = form.get(prefix + "Id");
    if (id == null) {
      throw validation(
          "1 validation error detected: Value null at 'metricDataQueries."
              + n
              + ".member.id' failed to satisfy constraint: Member must not be null");
    }
    if (id.length() > 255 || !ID.matcher(id).matches()) {
      throw validation(
          "The value "
              + id
              + " for parameter MetricDataQueries.member."
              + n
              + ".Id is invalid: it must start with a lowercase letter and contain only letters,"
              + " digits and underscores.");
    }
    if (form.has(prefix + "Expression")) {
      throw invalidValue(
          "The AWS simulator does not evaluate metric math expressions (MetricDataQueries.member."
              + n
              + ".Expression); use MetricStat queries.");
    }
    String stat = prefix + "MetricStat.";
    String namespace = form.get(stat + "Metric.Namespace");
    String metricName = form.get(stat + "Metric.MetricName");
    if (namespace == null || metricName == null) {
      throw validation(
          "Exactly one of MetricStat and Expression must be set for MetricDataQueries.member."
              + n
              + ", and a MetricStat needs Metric.Namespace and Metric.MetricName.");
    }
    int period = period(form, stat + "Period");
    Stat statistic = Stat.parse(form.get(stat + "Stat"));
    if (statistic == null) {
      throw invalidValue(
          "The value "
              + form.get(stat + "Stat")
              + " for parameter "
              + stat
              + "Stat is not a valid statistic: use Average, Sum, Minimum, Maximum, SampleCount"
              + " or a percentile such as p99 or p99.9.");
    }
    String label = form.get(prefix + "Label");
    return new MetricStatQuery(
        id,
        label == null ? metricName : label,
        new MetricId(namespace, metricName, dimensions(form, stat + "Metric.Dimensions")),
        period,
        statistic,
        !"false".equals(form.get(prefix + "ReturnData")));
  }

  private static List<MetricDimension> dimensions(QueryForm form, String list) {
    List<MetricDimension> dimensions = new ArrayList<>(2);
    for (int k = 1; ; k++) {
      String name = form.get(list + ".member." + k + ".Name");
      if (name == null) {
        return dimensions;
      }
      String value = form.get(list + ".member." + k + ".Value");
      dimensions.add(new MetricDimension(name, value == null ? "" : value));
    }
  }

  private static int period(QueryForm form, String param) {
    String text = form.get(param);
    if (text == null) {
      throw validation(
          "1 validation error detected: Value null at '"
              + param
              + "' failed to satisfy"
              + " constraint: Member must not be null");
    }
    int period;
    try {
      period = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw invalidValue("The parameter " + param + " must be an integer.");
    }
    boolean highResolution = period == 1 || period == 5 || period == 10 || period == 30;
    if (!highResolution && (period <= 0 || period % 60 != 0)) {
      throw invalidValue(
          "The parameter "
              + param
              + " must be 1, 5, 10, 30, or a multiple of 60; it is "
              + period
              + ".");
    }
    return period;
  }

  private static Instant time(QueryForm form, String param) {
    String text = form.get(param);
    if (text == null) {
      throw ServiceException.sender("MissingParameter", "The parameter " + param + " is required.");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalidValue("The parameter " + param + " is not a valid ISO-8601 timestamp.");
    }
  }

  private static int positiveInt(QueryForm form, String param) {
    try {
      int value = Integer.parseInt(form.get(param));
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw invalidValue("The parameter " + param + " must be a positive integer.");
  }

  private static ServiceException invalidValue(String message) {
    return ServiceException.sender("InvalidParameterValue", message);
  }

  private static ServiceException validation(String message) {
    return ServiceException.sender("ValidationError", message);
  }
}
