package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.stackwatch.TestClock;
import io.stackwatch.notify.NotifyJob;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A resource name from the catalog and an alarm's title and runbook holding markup and quotes are
 * shown as text on every page that shows them (and in the alert summary listed on /notifications),
 * never as markup.
 */
@QuarkusTest
@TestProfile(EscapingTest.Markup.class)
class EscapingTest {

  static final String DB = "prod-db\"><script>alert('db')</script>";

  /** The hostile texts. */
  public static class Markup implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "stackwatch.config-directory",
          "src/test/resources/config/markup",
          "stackwatch.environments.prod.resources.rds-instance",
          DB);
    }
  }

  @Inject PollJob job;
  @Inject NotifyJob notifier;
  @Inject TestClock clock;

  @Test
  void everyPageShowsMarkupAsText() {
    clock.advance(Duration.ofMinutes(5));
    job.run();
    clock.advance(Duration.ofMinutes(1));
    notifier.tick();

    Map<String, String> pages =
        Map.of(
            "/", "",
            "/environments/prod", "&lt;script&gt;alert(&#39;db&#39;)&lt;/script&gt;",
            "/alarms",
                "CPU &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; &#39;it&#39;",
            "/alarms/prod/rds-cpu-high",
                "&lt;img src=x onerror=&quot;alert(&#39;runbook&#39;)&quot;&gt;",
            "/notifications", "CPU &lt;script&gt;",
            "/cost", "",
            "/admin", "");
    for (Map.Entry<String, String> page : pages.entrySet()) {
      String html = given().get(page.getKey()).then().statusCode(200).extract().asString();
      assertThat(html)
          .as(page.getKey())
          .contains(page.getValue())
          // Only the application's own scripts: the page refresh, uPlot from its webjar, the
          // charts.
          .doesNotContainPattern(
              "<script(?! src=\"(/live\\.js|/charts\\.js|/webjars/uplot/1\\.6\\.30/dist/uPlot\\.iife\\.min\\.js)\""
                  + " defer></script>)")
          .doesNotContain("<img")
          .doesNotContain(DB)
          .doesNotContain("'it' \"quoted\"")
          .doesNotContain("onerror=\"alert");
    }
    // The quote that would close an attribute is escaped too.
    assertThat(given().get("/environments/prod").asString())
        .contains("DBInstanceIdentifier=prod-db&quot;&gt;&lt;script&gt;alert(&#39;db&#39;)");
    // The JSON API keeps the text as it is: JSON is no markup, and is served as JSON.
    List<String> titles = given().get("/api/alarms").jsonPath().getList("title");
    assertThat(titles).contains("CPU <script>alert(\"title\")</script> & 'it' \"quoted\"");
    assertThat(given().get("/api/alarms").contentType()).startsWith("application/json");
  }
}
