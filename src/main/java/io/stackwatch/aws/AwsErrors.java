package io.stackwatch.aws;

import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
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
      if (!(e instanceof AwsServiceException s)) {
        return e;
      }
      AwsErrorDetails d = s.awsErrorDetails();
      if (d != null && !blank(d.errorCode())) {
        return e;
      }
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      String text = withoutCode(s, operation);
      AwsErrorDetails worded =
          (d == null ? AwsErrorDetails.builder() : d.toBuilder()).errorMessage(text).build();
      return s.toBuilder().awsErrorDetails(worded).message(text).build();
    }
  }
}
