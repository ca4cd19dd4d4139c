package io.stackwatch.security;

import static io.restassured.RestAssured.given;
import static io.stackwatch.security.SignInTest.ADMIN;
import static io.stackwatch.security.SignInTest.OPERATOR;
import static io.stackwatch.security.SignInTest.VIEWER;
import static io.stackwatch.security.SignInTest.as;
import static io.stackwatch.security.SignInTest.password;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.stackwatch.audit.Audit;
import io.stackwatch.audit.AuditEvent;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signing in and out as a person meets it: a script on the API without credentials gets a 401 in
 * JSON, not the sign-in page; after signing in a browser is back on the page it asked for, whatever
 * asset it fetched meanwhile; a role that does not allow a page gets a page saying so; signing out
 * ends the session in the browser.
 */
@QuarkusTest
@TestProfile(SignInTest.Users.class)
class SignInFlowTest {

  @Test
  void anApiCallWithoutCredentialsIsA401WithAJsonBody() {
    for (String path : new String[] {"/api/alarms", "/api/status", "/api/audit"}) {
      Response r = given().redirects().follow(false).get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.contentType()).as(path).startsWith("application/json");
      assertThat(r.jsonPath().getString("error")).as(path).contains("Sign in");
      assertThat(r.header("WWW-Authenticate")).as(path).startsWith("Basic");
    }
    // A page still goes to the sign-in form.
    Response page = given().redirects().follow(false).get("/alarms");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.header("Location")).endsWith("/login");
  }

  /** A forged Host header is never echoed in a redirect: the sign-in redirect is relative. */
  @Test
  void aForgedHostIsNotEchoedInTheSignInRedirect() {
    Response r =
        given().header("Host", "evil.example.com").redirects().follow(false).get("/alarms");

    assertThat(r.statusCode()).isEqualTo(302);
    assertThat(r.header("Location")).isEqualTo("/login").doesNotContain("evil.example.com");
    assertThat(RelativeRedirects.relative("https://idp.example.com/auth?x=1", "stackwatch:8080"))
        .as("another site's address is kept")
        .isNull();
  }

  @Test
  void afterSignInTheBrowserIsBackOnThePageItAskedForNotOnAnAsset() {
    Response asked = given().redirects().follow(false).get("/alarms/prod/rds-cpu-high");
    assertThat(asked.statusCode()).isEqualTo(302);
    String location = asked.getCookie("quarkus-redirect-location");
    assertThat(location).as("where sign-in returns to").isNotNull();

    // The page's favicon, its script and a live fragment, asked for before signing in.
    for (String asset : new String[] {"/favicon.svg", "/live.js", "/overview/live"}) {
      Response r =
          given()
              .redirects()
              .follow(false)
              .cookie("quarkus-redirect-location", location)
              .get(asset);
      assertThat(r.getCookie("quarkus-redirect-location"))
          .as(asset + " does not take the page's place")
          .isNull();
      assertThat(r.statusCode()).as(asset).isNotEqualTo(302);
    }

    SignInTest.Csrf form = SignInTest.Csrf.of(given().get("/login"));
    Response signIn =
        given()
            .redirects()
            .follow(false)
            .cookie("quarkus-redirect-location", location)
            .cookie("csrf-token", form.cookie())
            .formParam("csrf-token", form.token())
            .contentType("application/x-www-form-urlencoded")
            .formParam("j_username", VIEWER)
            .formParam("j_password", password(VIEWER))
            .post("/j_security_check");
    assertThat(signIn.statusCode()).isEqualTo(302);
    assertThat(signIn.header("Location")).endsWith("/alarms/prod/rds-cpu-high");
  }

  @Test
  void aRoleThatDoesNotAllowAPageGetsAPageSayingSo() {
    Response admin = as(OPERATOR).get("/admin");
    assertThat(admin.statusCode()).isEqualTo(403);
    assertThat(admin.contentType()).startsWith("text/html");
    assertThat(admin.asString())
        .contains("<nav>")
        .contains("stackwatch.css")
        .contains("Your role does not allow this");

    Response audit = as(VIEWER).get("/api/audit");
    assertThat(audit.statusCode()).isEqualTo(403);
    assertThat(audit.jsonPath().getString("error")).contains("Your role does not allow this");

    // Refused by a path's permission rather than by the page itself.
    SignInTest.Csrf csrf = SignInTest.Csrf.of(as(VIEWER).get("/maintenance/prod"));
    Response signOff =
        csrf.post(as(VIEWER), "/maintenance/prod/review-dashboards/sign-off", Map.of());
    assertThat(signOff.statusCode()).isEqualTo(403);
    assertThat(signOff.asString()).contains("Your role does not allow this");
  }

  @Inject Audit audit;

  @Test
  void theSignInFormCarriesASignedTokenAndATokenNobodySignedIsRefused() {
    SignInTest.Csrf form = SignInTest.Csrf.of(given().get("/login"));
    assertThat(form.token()).as("the login form carries a token").isNotEqualTo(form.cookie());

    // The right password, without the form's token: not signed in.
    Response bare =
        given()
            .redirects()
            .follow(false)
            .contentType("application/x-www-form-urlencoded")
            .formParam("j_username", VIEWER)
            .formParam("j_password", password(VIEWER))
            .post("/j_security_check");
    assertThat(bare.header("Location")).contains("/login?error");
    assertThat(bare.getCookie("quarkus-credential")).isNull();

    // A cookie and form field made up to match, as an unsigned double submit accepts.
    SignInTest.Csrf madeUp =
        new SignInTest.Csrf("AAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAA");
    Response forged =
        madeUp.post(as(OPERATOR), "/alarms/prod/rds-cpu-high/acknowledge", Map.of("note", "x"));
    assertThat(forged.statusCode()).isEqualTo(400);
    Response forgedSignIn =
        given()
            .redirects()
            .follow(false)
            .cookie("csrf-token", madeUp.cookie())
            .formParam("csrf-token", madeUp.token())
            .contentType("application/x-www-form-urlencoded")
            .formParam("j_username", VIEWER)
            .formParam("j_password", password(VIEWER))
            .post("/j_security_check");
    assertThat(forgedSignIn.getCookie("quarkus-credential")).isNull();
  }

  @Test
  void aRefusedSignInIsInTheAuditTrailWithoutThePassword() {
    Response r =
        given()
            .redirects()
            .follow(false)
            .auth()
            .preemptive()
            .basic("mallory", "hunter2-guess")
            .get("/api/alarms");
    assertThat(r.statusCode()).isEqualTo(401);
    AuditEvent refused =
        audit.recent(20).stream()
            .filter(e -> e.action().equals("sign-in.refused") && e.user().equals("mallory"))
            .findFirst()
            .orElseThrow();
    assertThat(refused.detail()).isEqualTo("unknown user");
    assertThat(refused.sourceAddress()).isEqualTo("127.0.0.1");
    assertThat(refused.toString()).doesNotContain("hunter2");
  }

  @Test
  void signingOutEndsTheSessionInTheBrowser() {
    SignInTest.Csrf form = SignInTest.Csrf.of(given().get("/login"));
    Response signIn =
        given()
            .redirects()
            .follow(false)
            .cookie("csrf-token", form.cookie())
            .formParam("csrf-token", form.token())
            .contentType("application/x-www-form-urlencoded")
            .formParam("j_username", ADMIN)
            .formParam("j_password", password(ADMIN))
            .post("/j_security_check");
    String session = signIn.getCookie("quarkus-credential");
    assertThat(session).isNotNull();
    Response page = given().cookie("quarkus-credential", session).get("/admin");
    assertThat(page.asString()).contains("Sign out");
    SignInTest.Csrf csrf = SignInTest.Csrf.of(page);

    Response out =
        csrf.post(
            given().redirects().follow(false).cookie("quarkus-credential", session),
            "/logout",
            Map.of());
    assertThat(out.statusCode()).isEqualTo(303);
    assertThat(out.header("Location")).endsWith("/login");
    String cleared =
        out.headers().getValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("quarkus-credential="))
            .findFirst()
            .orElseThrow();
    assertThat(cleared).containsIgnoringCase("Max-Age=0");
  }
}
