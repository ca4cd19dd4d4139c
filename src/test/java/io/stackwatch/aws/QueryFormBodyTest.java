package io.stackwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.InterceptorContext;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * A CloudWatch request leaves marshalling with its parameters in the form body and a URI that is
 * the endpoint alone, so no URI the SDK builds (and caches) carries its queries; the wire tests
 * through the simulator ({@code AwsSourceTest}, {@code CollectionTest}) show it still answered.
 */
@Tag("plain")
class QueryFormBodyTest {

  private final QueryFormBody interceptor = new QueryFormBody();

  @Test
  void aCloudWatchRequestCarriesItsParametersInTheFormBodyAndItsUriIsTheEndpoint()
      throws Exception {
    InterceptorContext context =
        InterceptorContext.builder()
            .request(GetMetricDataRequest.builder().build())
            .httpRequest(marshalled())
            .build();

    SdkHttpRequest request = interceptor.modifyHttpRequest(context, new ExecutionAttributes());
    RequestBody body =
        interceptor.modifyHttpContent(context, new ExecutionAttributes()).orElseThrow();

    String form = "Action=GetMetricData&Version=2010-08-01&MetricDataQueries.member.1.Id=q+1";
    assertThat(request.getUri()).hasToString("https://monitoring.us-east-1.amazonaws.com/");
    assertThat(request.numRawQueryParameters()).isZero();
    assertThat(request.firstMatchingHeader("Content-Type")).contains(QueryFormBody.FORM);
    assertThat(
            new String(
                body.contentStreamProvider().newStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo(form);
    assertThat(request.firstMatchingHeader("Content-Length"))
        .contains(String.valueOf(form.length()));
  }

  @Test
  void anotherServicesRequestIsLeftAsMarshalled() {
    InterceptorContext context =
        InterceptorContext.builder()
            .request(PublishRequest.builder().build())
            .httpRequest(marshalled())
            .build();

    assertThat(interceptor.modifyHttpRequest(context, new ExecutionAttributes()))
        .isSameAs(context.httpRequest());
    assertThat(interceptor.modifyHttpContent(context, new ExecutionAttributes())).isEmpty();
  }

  private static SdkHttpFullRequest marshalled() {
    return SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .protocol("https")
        .host("monitoring.us-east-1.amazonaws.com")
        .encodedPath("/")
        .putRawQueryParameter("Action", "GetMetricData")
        .putRawQueryParameter("Version", "2010-08-01")
        .putRawQueryParameter("MetricDataQueries.member.1.Id", "q 1")
        .build();
  }
}
