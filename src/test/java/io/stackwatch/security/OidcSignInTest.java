package io.stackwatch.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.stackwatch.audit.Audit;
import io.stackwatch.audit.AuditEvent;
import io.stackwatch.poll.PollJob;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * OpenID Connect against a real (small) provider: bearer tokens for the API with roles from groups,
 * the code flow for browsers with the client secret, and a run configured with secret values
 * (client secret, database password read from Secrets Manager, an external id) whose log and pages
 * show none of them.
 */
@QuarkusTest
@WithTestResource(TestOidcProvider.class)
class OidcSignInTest {

  @Inject Audit audit;
  @Inject PollJob job;

  static RequestSpecification bearer(String user, String... groups) {
    return given()
        .redirects()
        .follow(false)
        .auth()
        .oauth2(TestOidcProvider.token(user, List.of(groups), true));
  }

  @Test
  void bearerTokensGetTheRolesTheirGroupsMapTo() {
    assertThat(bearer("rita", "readers").get("/api/alarms").statusCode()).isEqualTo(200);
    assertThat(bearer("rita", "readers").get("/admin").statusCode()).isEqualTo(403);
    assertThat(bearer("otto", "ops").get("/api/alarms").statusCode()).isEqualTo(200);
    assertThat(bearer("otto", "ops").get("/api/audit").statusCode()).isEqualTo(403);
    assertThat(bearer("pat", "platform-admins").get("/api/audit").statusCode()).isEqualTo(200);
    // A group called like a role is no role once groups are configured for it.
    assertThat(bearer("sam", "operator", "admin").get("/api/alarms").statusCode()).isEqualTo(403);
    // A token the provider did not sign is no token.
    Response forged =
        given()
            .redirects()
            .follow(false)
            .auth()
            .oauth2(TestOidcProvider.token("mallory", List.of("platform-admins"), false))
            .get("/api/alarms");
    assertThat(forged.statusCode()).isEqualTo(401);
  }

  @Test
  void anOperatorWithABearerTokenAcknowledgesOnRecordAndAViewerCannot() {
    Response page = bearer("otto", "ops").get("/alarms/prod/rds-cpu-high");
    SignInTest.Csrf csrf = SignInTest.Csrf.of(page);
    long before = audit.count();

    Response denied =
        csrf.post(
            bearer("rita", "readers"),
            "/alarms/prod/rds-cpu-high/acknowledge",
            Map.of("note", "x"));
    assertThat(denied.statusCode()).isEqualTo(403);
    assertThat(audit.count()).isEqualTo(before);

    Response ack =
        csrf.post(
            bearer("otto", "ops"), "/alarms/prod/rds-cpu-high/acknowledge", Map.of("note", "mine"));
    assertThat(ack.statusCode()).isEqualTo(303);
    AuditEvent e = audit.recent(1).get(0);
    assertThat(e.user()).isEqualTo("otto");
    assertThat(e.action()).isEqualTo("alarm.acknowledge");
  }

  @Test
  void aBrowserSignsInByTheCodeFlowWithTheClientSecret() {
    Response start = given().redirects().follow(false).get("/alarms");
    assertThat(start.statusCode()).isEqualTo(302);
    URI authorize = URI.create(start.header("Location"));
    assertThat(authorize.toString()).startsWith(TestOidcProvider.issuer + "/authorize");
    Matcher state = Pattern.compile("state=([^&]+)").matcher(authorize.getQuery());
    assertThat(state.find()).isTrue();
    Map<String, String> cookies = start.getCookies();

    int tokenRequests = TestOidcProvider.tokenRequests.get();
    Response back =
        given()
            .redirects()
            .follow(false)
            .cookies(cookies)
            .queryParam("code", TestOidcProvider.CODE)
            .queryParam("state", state.group(1))
            .get("/alarms");
    assertThat(back.statusCode()).as(back.asString()).isIn(200, 302);
    assertThat(TestOidcProvider.tokenRequests.get()).isGreaterThan(tokenRequests);
    String session = back.getCookie("q_session");
    assertThat(session).as("session cookie").isNotNull();
    String setCookie =
        back.headers().getValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("q_session"))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie).contains("Secure").containsIgnoringCase("HttpOnly");
    assertThat(
            given()
                .redirects()
                .follow(false)
                .cookie("q_session", session)
                .get("/alarms")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void noSecretAppearsInTheLogOrOnAnyPage() throws IOException {
    job.run();
    List<String> bodies = new ArrayList<>();
    RequestSpecification admin = bearer("pat", "platform-admins");
    for (String page : SignInTest.PAGES) {
      bodies.add(page + "\n" + admin.get(page).asString());
      bodies.add(page + "\n" + given().redirects().follow(false).get(page).asString());
    }
    for (String page :
        List.of(
            "/q/health",
            "/q/health/live",
            "/q/health/ready",
            "/q/metrics",
            "/environments/nope",
            "/api/environments/nope",
            "/q/dev-ui",
            "/q/openapi",
            "/q/info")) {
      bodies.add(page + "\n" + admin.get(page).asString());
    }
    // Error paths: a bad form, a wrong token, a post without CSRF token.
    bodies.add(
        admin.contentType("application/json").body("{").post("/admin/rules/reload").asString());
    bodies.add(
        given()
            .auth()
            .oauth2(TestOidcProvider.token("x", List.of("ops"), false))
            .get("/api/alarms")
            .asString());

    String log = Files.readString(Path.of("target/oidc-secrets-test.log"));
    assertThat(log).as("the log of the run").contains("alarm rules bound");
    for (String secret : TestOidcProvider.SECRETS) {
      assertThat(log).as("the log").doesNotContain(secret);
      for (String body : bodies) {
        assertThat(body).as(body.lines().findFirst().orElse("")).doesNotContain(secret);
      }
    }
  }
}
