package io.stackwatch.aws;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchRequest;

/**
 * Puts a CloudWatch request's Query-protocol parameters in its form body as soon as it is
 * marshalled, as the SDK would a few steps later: the same request goes on the wire. The SDK's
 * metric collection, on since {@link ApiCallMeter} publishes metrics, reads each request's URI
 * before that step, and the SDK keeps the last 150 URIs it built in a cache for the whole JVM; with
 * a GetMetricData's 500 queries in the query string (about 270 KB) that held some 75 MB of heap.
 * With the parameters in the body, the URI is the endpoint alone.
 */
final class QueryFormBody implements ExecutionInterceptor {

  /** What the SDK sends a Query-protocol form as. */
  static final String FORM = "application/x-www-form-urlencoded; charset=utf-8";

  @Override
  public Optional<RequestBody> modifyHttpContent(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    return moves(context) ? Optional.of(form(form(context.httpRequest()))) : context.requestBody();
  }

  @Override
  public SdkHttpRequest modifyHttpRequest(
      Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
    SdkHttpRequest request = context.httpRequest();
    if (!moves(context)) {
      return request;
    }
    return request.toBuilder()
        .clearQueryParameters()
        .putHeader("Content-Length", String.valueOf(form(request).length))
        .putHeader("Content-Type", FORM)
        .build();
  }

  /** A CloudWatch POST whose parameters are still in its query string and that has no body. */
  private static boolean moves(Context.ModifyHttpRequest context) {
    return context.request() instanceof CloudWatchRequest
        && context.httpRequest().method() == SdkHttpMethod.POST
        && context.requestBody().isEmpty()
        && context.httpRequest().numRawQueryParameters() > 0;
  }

  private static RequestBody form(byte[] form) {
    return RequestBody.fromContentProvider(
        ContentStreamProvider.fromByteArray(form), form.length, FORM);
  }

  private static byte[] form(SdkHttpRequest request) {
    return request.encodedQueryParametersAsFormData().orElse("").getBytes(StandardCharsets.UTF_8);
  }
}
