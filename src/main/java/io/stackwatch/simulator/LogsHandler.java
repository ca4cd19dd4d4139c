package io.stackwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Simulated CloudWatch Logs ({@code logs}, AWS JSON 1.1, target prefix {@code Logs_20140328}):
 * FilterLogEvents with term filter patterns and nextToken, and DescribeLogGroups with
 * logGroupNamePrefix and nextToken, over the {@link SimulatedStack}'s log groups.
 */
public final class LogsHandler implements ServiceHandler {

  /** The {@code X-Amz-Target} prefix of CloudWatch Logs operations. */
  public static final String TARGET_PREFIX = "Logs_20140328";

  private static final int EVENTS_PAGE = 10_000;
  private static final int GROUPS_PAGE = 50;
  private static final Pattern TERM = Pattern.compile("\"([^\"]*)\"|(\\S+)");

  private final JsonProtocol protocol = new JsonProtocol(TARGET_PREFIX);
  private final SimulatedStack stack;
  private volatile int eventsPage = EVENTS_PAGE;

  LogsHandler(SimulatedStack stack) {
    this.stack = stack;
  }

  /** Caps the events of one FilterLogEvents page, so tests can exercise paging. */
  public LogsHandler pageSize(int events) {
    this.eventsPage = events;
    return this;
  }

  @Override
  public String operation(SimRequest request) {
    return protocol.operation(request);
  }

  @Override
  public SimResponse handle(SimRequest request) {
    String operation = operation(request);
    ObjectNode body = protocol.body(request);
    return switch (operation) {
      case "FilterLogEvents" -> filterLogEvents(body);
      case "DescribeLogGroups" -> describeLogGroups(body);
      default -> {
        String target = request.header("X-Amz-Target");
        throw ServiceException.sender(
            "UnknownOperationException",
            "The operation "
                + (target == null ? "(no X-Amz-Target header)" : target)
                + " is not simulated; the simulator answers FilterLogEvents and DescribeLogGroups");
      }
    };
  }

  private SimResponse filterLogEvents(ObjectNode body) {
    String name = text(body, "logGroupName");
    if (name == null) {
      throw ServiceException.sender(
          "InvalidParameterException", "1 validation error detected: logGroupName is required");
    }
    SimulatedStack.LogGroup group =
        stack
            .logGroup(name)
            .orElseThrow(
                () ->
                    ServiceException.sender(
                        "ResourceNotFoundException", "The specified log group does not exist."));
    long start = number(body, "startTime", 0);
    long end = number(body, "endTime", Long.MAX_VALUE);
    List<String> terms = terms(text(body, "filterPattern"));
    List<SimulatedStack.LogEvent> matching = new ArrayList<>();
    for (SimulatedStack.LogEvent e : stack.events(group, start, end)) {
      if (terms.stream().allMatch(e.message()::contains)) {
        matching.add(e);
      }
    }
    long limit = Math.min(number(body, "limit", eventsPage), eventsPage);
    long fingerprint = Noise.hash(0, name + "\n" + start + "\n" + end + "\n" + terms);
    int offset = (int) PageToken.offset(text(body, "nextToken"), fingerprint, matching.size());
    int until = (int) Math.min(matching.size(), offset + limit);
    List<SimulatedStack.LogEvent> page = matching.subList(offset, until);
    return protocol.result(
        json -> {
          ArrayNode events = json.putArray("events");
          for (SimulatedStack.LogEvent e : page) {
            events
                .addObject()
                .put("logStreamName", e.stream())
                .put("timestamp", e.timestampMillis())
                .put("message", e.message())
                .put("ingestionTime", e.timestampMillis() + 1200)
                .put("eventId", e.eventId());
          }
          json.putArray("searchedLogStreams");
          if (until < matching.size()) {
            json.put("nextToken", PageToken.of(until, fingerprint));
          }
        });
  }

  private SimResponse describeLogGroups(ObjectNode body) {
    String prefix = text(body, "logGroupNamePrefix");
    List<SimulatedStack.LogGroup> matching =
        stack.logGroups().stream()
            .filter(g -> prefix == null || g.name().startsWith(prefix))
            .toList();
    long limit = Math.min(number(body, "limit", GROUPS_PAGE), GROUPS_PAGE);
    long fingerprint = Noise.hash(0, "groups\n" + prefix);
    int offset = (int) PageToken.offset(text(body, "nextToken"), fingerprint, matching.size());
    int until = (int) Math.min(matching.size(), offset + limit);
    List<SimulatedStack.LogGroup> page = matching.subList(offset, until);
    return protocol.result(
        json -> {
          ArrayNode groups = json.putArray("logGroups");
          for (SimulatedStack.LogGroup g : page) {
            ObjectNode group =
                groups
                    .addObject()
                    .put("logGroupName", g.name())
                    .put("creationTime", g.created().toEpochMilli());
            g.retentionDays().ifPresent(d -> group.put("retentionInDays", d));
            group
                .put("arn", "arn:aws:logs:us-east-1:000000000000:log-group:" + g.name() + ":*")
                .put("storedBytes", 1_048_576L);
          }
          if (until < matching.size()) {
            json.put("nextToken", PageToken.of(until, fingerprint));
          }
        });
  }

  /** The terms of a filter pattern, all of which a line must contain; quoted phrases kept whole. */
  private static List<String> terms(String pattern) {
    List<String> terms = new ArrayList<>();
    if (pattern == null || pattern.isBlank()) {
      return terms;
    }
    if (pattern.strip().startsWith("{") || pattern.strip().startsWith("[")) {
      throw ServiceException.sender(
          "InvalidParameterException",
          "The simulator understands term filter patterns only, not " + pattern);
    }
    Matcher m = TERM.matcher(pattern);
    while (m.find()) {
      terms.add(m.group(1) != null ? m.group(1) : m.group(2));
    }
    return terms;
  }

  private static String text(ObjectNode body, String key) {
    return body.path(key).textValue();
  }

  private static long number(ObjectNode body, String key, long otherwise) {
    JsonNode n = body.path(key);
    return n.isNumber() ? n.longValue() : otherwise;
  }

  @Override
  public SimResponse error(ServiceError error) {
    return protocol.error(error);
  }

  /** CloudWatch Logs' throttling error; the SDK counts it as throttling and retries it. */
  @Override
  public ServiceError throttlingError() {
    return ServiceError.sender("ThrottlingException", "Rate exceeded");
  }

  @Override
  public ServiceError serverError() {
    return new ServiceError(
        500, "Receiver", "ServiceUnavailableException", "The service cannot complete the request.");
  }

  @Override
  public SimResponse empty(String operation) {
    return protocol.result(json -> {});
  }
}
