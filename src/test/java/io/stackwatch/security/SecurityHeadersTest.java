package io.stackwatch.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** In open mode too (the default on localhost), every answer carries the security headers. */
@QuarkusTest
class SecurityHeadersTest {

  static void assertHeaders(Response r) {
    String what = r.statusCode() + " " + r.contentType();
    assertThat(r.header("Content-Security-Policy"))
        .as("CSP of " + what)
        .isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY)
        .contains("script-src 'self'")
        .contains("frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");
    assertThat(r.header("X-Content-Type-Options")).as(what).isEqualTo("nosniff");
    assertThat(r.header("Referrer-Policy")).as(what).isEqualTo("same-origin");
  }

  @Test
  void onEveryPageInOpenMode() {
    for (String page :
        List.of(
            "/",
            "/environments/prod",
            "/environments/nope",
            "/alarms",
            "/silences",
            "/cost",
            "/notifications",
            "/admin",
            "/api/alarms",
            "/q/metrics",
            "/q/health/live",
            "/stackwatch.css")) {
      assertHeaders(given().get(page));
    }
  }

  @Test
  void openModeOnLoopbackLetsTheLocalUserDoEverything() {
    assertThat(given().get("/admin").statusCode()).isEqualTo(200);
    assertThat(given().get("/api/audit").statusCode()).isEqualTo(200);
  }

  @Test
  void noPageHasInlineScriptOrStyle() {
    for (String page :
        List.of(
            "/",
            "/environments/prod",
            "/alarms",
            "/alarms/prod/rds-cpu-high",
            "/silences",
            "/cost",
            "/maintenance",
            "/maintenance/prod",
            "/notifications",
            "/admin",
            "/login")) {
      String html = given().get(page).asString();
      // Scripts only from files (script-src 'self'): no inline script, style or handler.
      assertThat(html)
          .as(page)
          .doesNotContainPattern("(?i)<script(?![^>]*\\ssrc=\"/)|\\sstyle=|<style|\\son[a-z]+=");
    }
  }
}
