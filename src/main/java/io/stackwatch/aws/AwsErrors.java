package io.stackwatch.aws;

import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * How an AWS failure reads on a page, in the API and in the log: AWS's error code and message; for
 * an answer without them (an empty or HTML 5xx body, as a proxy or load balancer in between sends)
 * the HTTP status, the service and operation, and the answer's own first words, such as {@code HTTP
 * 502 from CloudWatch GetMetricData: 502 Bad Gateway}; otherwise the kind of failure and the first
 * line of its message. Never the word null.
 */
public final class AwsErrors {

  private static final int MAX = 300;

  private AwsErrors() {}

  public static String describe(SdkException e) {
    // A refused AssumeRole arrives wrapped ("Unable to load credentials"): AWS's own words matter.
    for (Throwable t = e.getCause();
        t != null && !(e instanceof AwsServiceException);
        t = t.getCause()) {
      if (t instanceof AwsServiceException s) {
        return describe(s);
      }
    }
    String text;
    if (e instanceof AwsServiceException s) {
      AwsErrorDetails d = s.awsErrorDetails();
      String code = d == null ? null : d.errorCode();
      String message = d == null ? null : d.errorMessage();
      if (!blank(code)) {
        text = code + ": " + (blank(message) ? "no message" : firstLine(message));
        text += " (HTTP " + s.statusCode() + ")";
      } else if (!blank(message) && message.startsWith("HTTP ")) {
        text = message; // already worded by Readable, which knew the operation
      } else {
        text = withoutCode(s, null);
      }
    } else if (e.getMessage() != null && e.getMessage().startsWith("HTTP ")) {
      text = firstLine(e.getMessage()); // already worded by Readable: a retry not allowed
    } else {
      String message = firstLine(e.getMessage());
      text = e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
    return text.length() > MAX ? text.substring(0, MAX) + "..." : text;
  }

  /**
   * {@code HTTP 500 from CloudWatch GetMetricData: <the answer's first line, or the status text>}.
   */
  static String withoutCode(AwsServiceException s, String operation) {
    AwsErrorDetails d = s.awsErrorDetails();
    String service = d == null || blank(d.serviceName()) ? "AWS" : d.serviceName();
    String words = "";
    if (d != null && d.rawResponse() != null) {
      words = firstLine(textOf(d.rawResponse()));
    }
    if (words.isEmpty() && d != null && !blank(d.errorMessage())) {
      words = firstLine(d.errorMessage());
    }
    if (words.isEmpty() && d != null && d.sdkHttpResponse() != null) {
      words = d.sdkHttpResponse().statusText().map(AwsErrors::firstLine).orElse("");
    }
    if (words.isEmpty()) {
      words = reason(s.statusCode());
    }
    return "HTTP "
        + s.statusCode()
        + " from "
        + service
        + (blank(operation) ? "" : " " + operation)
        + ": "
        + words;
  }

  /** The body as text, markup taken away: an HTML error page says its title. */
  private static String textOf(SdkBytes body) {
    String raw = body.asUtf8String();
    return raw.replaceAll("(?s)<[^>]*>", "\n");
  }

  /** The first line with words in it, trimmed; empty for none. */
  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    for (String line : text.split("\\R")) {
      if (!line.isBlank()) {
        String l = line.strip();
        return l.length() > 200 ? l.substring(0, 200) + "..." : l;
      }
    }
    return "";
  }

  private static String reason(int status) {
    return switch (status) {
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 429 -> "Too Many Requests";
      default -> "no error code or message in the answer";
    };
  }

  private static final java.util.regex.Pattern ATTEMPT =
      java.util.regex.Pattern.compile(
          "(?:Request attempt \\d+ failure: )?(.*?) ?\\(Service: ([^,]+), Status Code: (\\d+),"
              + " Request ID: [^)]*\\).*");

  /**
   * An earlier attempt's failure as the SDK keeps it, {@code Request attempt 1 failure: <message>
   * (Service: CostExplorer, Status Code: 500, Request ID: ...)}, in this class's words: {@code HTTP
   * 500 from CostExplorer GetCostForecast: <message>}.
   */
  static String fromAttemptMessage(String text, String operation) {
    java.util.regex.Matcher m = ATTEMPT.matcher(text);
    if (!m.matches()) {
      return text.replaceFirst("^Request attempt \\d+ failure: ", "");
    }
    String words = m.group(1).strip();
    int status = Integer.parseInt(m.group(3));
    if (words.isEmpty() || words.startsWith("Service returned HTTP status code")) {
      words = reason(status);
    }
    return "HTTP "
        + status
        + " from "
        + m.group(2)
        + (blank(operation) ? "" : " " + operation)
        + ": "
        + words;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank() || s.toLowerCase(Locale.ROOT).equals("null");
  }

  /**
   * Words an AWS answer that has no error code or message: its message becomes {@code HTTP 500 from
   * CloudWatch GetMetricData: ...}, while its class, status and retry reading stay the SDK's.
   * Installed on every client.
   */
  static final class Readable implements ExecutionInterceptor {
    @Override
    public Throwable modifyException(
        Context.FailedExecution context, ExecutionAttributes attributes) {
      Throwable e = context.exception();
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      if (e instanceof SdkClientException c
          && c.getMessage() != null
          && c.getMessage().startsWith(ApiCallMeter.NOT_SENT)) {
        return notRetried(c, operation);
      }
      if (!(e instanceof AwsServiceException s)) {
        return e;
      }
      AwsErrorDetails d = s.awsErrorDetails();
      if (d != null && !blank(d.errorCode())) {
        return e;
      }
      return worded(s, operation);
    }

    private static AwsServiceException worded(AwsServiceException s, String operation) {
      AwsErrorDetails d = s.awsErrorDetails();
      String text = withoutCode(s, operation);
      AwsErrorDetails worded =
          (d == null ? AwsErrorDetails.builder() : d.toBuilder()).errorMessage(text).build();
      return s.toBuilder().awsErrorDetails(worded).message(text).build();
    }

    /**
     * A retry its caller's limit did not allow: what the last attempt sent got back (the SDK keeps
     * it as a suppressed exception), then why it was not retried.
     */
    private static SdkClientException notRetried(SdkClientException e, String operation) {
      String limit =
          firstLine(e.getMessage().substring(ApiCallMeter.NOT_SENT.length()))
              .replaceAll(" \\(SDK Attempt Count.*$", "");
      Throwable[] earlier = e.getSuppressed();
      if (earlier.length == 0) {
        return e;
      }
      Throwable last = earlier[earlier.length - 1];
      String before = null;
      for (Throwable t = last; t != null && before == null; t = t.getCause()) {
        if (t instanceof AwsServiceException s) {
          AwsErrorDetails d = s.awsErrorDetails();
          before = describe(d != null && !blank(d.errorCode()) ? s : worded(s, operation));
        }
      }
      if (before == null) {
        before = fromAttemptMessage(firstLine(last.getMessage()), operation);
      }
      return SdkClientException.builder()
          .message(before.replaceAll("\\.$", "") + "; not retried: " + limit)
          .cause(e)
          .build();
    }
  }
}
