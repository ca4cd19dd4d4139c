package io.stackwatch.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.audit.Audit;
import io.stackwatch.audit.AuditEvent;
import io.stackwatch.notify.message.NotificationEvent;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.notify.outbox.OutboxMessage;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The built-in user list: nobody gets in without a password, a viewer reads but changes nothing, an
 * operator acknowledges and tests, an admin reloads rules and reads the audit trail; every form
 * needs its CSRF token; every answer carries the security headers.
 */
@QuarkusTest
@TestProfile(SignInTest.Users.class)
class SignInTest {

  static final String VIEWER = "vera";
  static final String OPERATOR = "olga";
  static final String ADMIN = "ada";

  /** Three users, one per role, with hashes made as README tells (fewer iterations, for speed). */
  public static class Users implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "stackwatch.auth.mode",
          "users",
          "stackwatch.auth.users.vera.password-hash",
          hash(VIEWER),
          "stackwatch.auth.users.olga.password-hash",
          hash(OPERATOR),
          "stackwatch.auth.users.olga.roles",
          "operator",
          "stackwatch.auth.users.ada.password-hash",
          hash(ADMIN),
          "stackwatch.auth.users.ada.roles",
          "admin",
          "stackwatch.config-directory",
          CONFIG.toString());
    }

    static String hash(String user) {
      return PasswordHash.hash(password(user).toCharArray(), 20_000);
    }
  }

  /** The configuration directory, empty at start: the shipped files are in force. */
  static final Path CONFIG;

  static {
    try {
      CONFIG = Files.createTempDirectory("stackwatch-signin-config");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String password(String user) {
    return user + "-correct-horse";
  }

  /** Every page and API of stackwatch that shows something. */
  static final List<String> PAGES =
      List.of(
          "/",
          "/environments/prod",
          "/alarms",
          "/alarms/prod/rds-cpu-high",
          "/cost",
          "/notifications",
          "/admin",
          "/admin/audit",
          "/api/environments",
          "/api/environments/prod",
          "/api/alarms",
          "/api/alarms/prod/rds-cpu-high",
          "/api/alarms/prod/rds-cpu-high/history",
          "/api/aws-calls",
          "/api/cost",
          "/api/notifications",
          "/api/audit",
          "/maintenance",
          "/silences",
          "/api/silences");

  @Inject Audit audit;
  @Inject Outbox outbox;
  @Inject AlarmEngine engine;

  static RequestSpecification as(String user) {
    return given().redirects().follow(false).auth().preemptive().basic(user, password(user));
  }

  @Test
  void withoutCredentialsEveryPageButTheOpenOnesIsRefused() {
    for (String page : PAGES) {
      Response r = given().redirects().follow(false).get(page);
      assertThat(r.statusCode()).as(page).isIn(302, 401);
      if (r.statusCode() == 302) {
        assertThat(r.header("Location")).as(page).endsWith("/login");
      }
    }
    for (String open : List.of("/q/health/live", "/q/metrics", "/login", "/stackwatch.css")) {
      assertThat(given().get(open).statusCode()).as(open).isEqualTo(200);
    }
    // A wrong password is no better than none.
    assertThat(
            given()
                .redirects()
                .follow(false)
                .auth()
                .preemptive()
                .basic(VIEWER, "wrong")
                .get("/api/alarms")
                .statusCode())
        .isEqualTo(401);
  }

  @Test
  void aViewerReadsEveryPageButTheAdminOnes() {
    for (String page : PAGES) {
      int status = as(VIEWER).get(page).statusCode();
      if (page.startsWith("/admin") || page.equals("/api/audit")) {
        assertThat(status).as(page).isEqualTo(403);
      } else {
        assertThat(status).as(page).isEqualTo(200);
      }
    }
    assertThat(as(VIEWER).get("/alarms/prod/rds-cpu-high").asString())
        .as("a viewer is offered no acknowledge button")
        .doesNotContain("/acknowledge");
  }

  @Test
  void aViewerGets403OnEveryOperatorActionAndNothingIsRecorded() {
    long events = audit.count();
    int messages = outbox.recent(10_000).size();
    Csrf csrf = Csrf.of(as(VIEWER).get("/notifications"));

    for (Map.Entry<String, Map<String, String>> action : operatorActions().entrySet()) {
      Response r = csrf.post(as(VIEWER), action.getKey(), action.getValue());
      assertThat(r.statusCode()).as(action.getKey()).isEqualTo(403);
    }
    Response reload = csrf.post(as(OPERATOR), "/admin/rules/reload", Map.of());
    assertThat(reload.statusCode()).as("an operator reloading rules").isEqualTo(403);
    Response signOff = csrf.post(as(VIEWER), "/maintenance/prod/daily/sign-off", Map.of());
    assertThat(signOff.statusCode()).as("a maintenance sign-off by a viewer").isEqualTo(403);

    assertThat(audit.count()).isEqualTo(events);
    assertThat(outbox.recent(10_000)).hasSize(messages);
    assertThat(
            as(VIEWER).get("/api/alarms/prod/rds-cpu-high").jsonPath().getString("acknowledgement"))
        .isNull();
  }

  static Map<String, Map<String, String>> operatorActions() {
    return Map.of(
        "/alarms/prod/rds-cpu-high/acknowledge", Map.of("note", "on it"),
        "/notifications/test", Map.of("environment", "prod"),
        "/silences",
            Map.of(
                "environment", "prod", "alarm", "rds-cpu-high", "duration", "1h", "comment", "x"));
  }

  @Test
  void silencesAreAnOperatorsOnRecordAndAViewerGets403() {
    long events = audit.count();
    String body =
        "{\"matchers\": [{\"name\": \"alarm\", \"value\": \"rds-cpu-high\"}],"
            + " \"duration\": \"1h\", \"comment\": \"failover test\", \"createdBy\": \"someone\"}";
    assertThat(
            as(VIEWER)
                .contentType("application/json")
                .body(body)
                .post("/api/silences")
                .statusCode())
        .isEqualTo(403);
    assertThat(
            given().contentType("application/json").body(body).post("/api/silences").statusCode())
        .as("nobody signed in")
        .isEqualTo(401);
    assertThat(audit.count()).isEqualTo(events);

    Response made = as(OPERATOR).contentType("application/json").body(body).post("/api/silences");
    assertThat(made.statusCode()).isEqualTo(201);
    String id = made.jsonPath().getString("id");
    assertThat(made.jsonPath().getString("createdBy")).as("the signed-in name").isEqualTo(OPERATOR);
    assertThat(as(VIEWER).get("/api/silences/" + id).jsonPath().getString("state"))
        .isEqualTo("active");
    assertThat(as(VIEWER).get("/silences").asString())
        .contains("failover test")
        .as("a viewer is offered no form and no button")
        .doesNotContain("action=\"/silences\"")
        .doesNotContain("/expire");
    assertThat(as(VIEWER).get("/alarms/prod/rds-cpu-high").asString())
        .doesNotContain("action=\"/silences\"");
    assertThat(as(OPERATOR).get("/alarms/prod/rds-cpu-high").asString())
        .contains("action=\"/silences\"");

    assertThat(as(VIEWER).delete("/api/silences/" + id).statusCode()).isEqualTo(403);
    Csrf viewerForm = Csrf.of(as(VIEWER).get("/notifications"));
    assertThat(viewerForm.post(as(VIEWER), "/silences/" + id + "/expire", Map.of()).statusCode())
        .isEqualTo(403);
    Csrf csrf = Csrf.of(as(OPERATOR).get("/silences"));
    assertThat(
            as(OPERATOR)
                .cookie("csrf-token", csrf.cookie())
                .contentType("application/x-www-form-urlencoded")
                .post("/silences/" + id + "/expire")
                .statusCode())
        .as("the expire button without its token")
        .isEqualTo(400);
    assertThat(as(VIEWER).get("/api/silences/" + id).jsonPath().getString("state"))
        .isEqualTo("active");

    Response expired = as(OPERATOR).delete("/api/silences/" + id);
    assertThat(expired.statusCode()).isEqualTo(200);
    assertThat(expired.jsonPath().getString("expiredBy")).isEqualTo(OPERATOR);
    assertThat(audit.recent(2))
        .extracting(AuditEvent::user, AuditEvent::action, AuditEvent::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(OPERATOR, "silence.expire", id),
            org.assertj.core.groups.Tuple.tuple(OPERATOR, "silence.create", id));
  }

  @Test
  void anOperatorAcknowledgesAnAlarmAndSendsATestNotificationOnRecord() {
    Csrf csrf = Csrf.of(as(OPERATOR).get("/alarms/prod/rds-cpu-high"));

    Response ack =
        csrf.post(as(OPERATOR), "/alarms/prod/rds-cpu-high/acknowledge", Map.of("note", "looking"));
    assertThat(ack.statusCode()).isEqualTo(303);
    assertThat(as(OPERATOR).get("/alarms/prod/rds-cpu-high").asString())
        .contains("Acknowledged by <strong>olga</strong>")
        .contains(": looking");
    assertThat(
            as(VIEWER)
                .get("/api/alarms/prod/rds-cpu-high")
                .jsonPath()
                .getString("acknowledgement.user"))
        .isEqualTo(OPERATOR);
    // Seen where the alarm is listed too, not only on its own page.
    assertThat(as(VIEWER).get("/alarms").asString())
        .containsPattern("<small class=\"acknowledged\">acknowledged by olga [^<]*</small>");
    assertThat(as(VIEWER).get("/environments/prod").asString()).contains("acknowledged by olga");

    Response test = csrf.post(as(OPERATOR), "/notifications/test", Map.of("environment", "prod"));
    assertThat(test.statusCode()).isEqualTo(303);
    OutboxMessage sent = outbox.recent(1).get(0);
    assertThat(sent.event()).isEqualTo(NotificationEvent.TEST);
    assertThat(sent.topicArn()).endsWith(":prod-alerts");
    assertThat(sent.body()).contains("sent by olga");

    List<AuditEvent> events = audit.recent(2);
    assertThat(events)
        .extracting(AuditEvent::user, AuditEvent::action, AuditEvent::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(OPERATOR, "notification.test", "prod"),
            org.assertj.core.groups.Tuple.tuple(
                OPERATOR, "alarm.acknowledge", "prod/rds-cpu-high"));
    assertThat(events).allSatisfy(e -> assertThat(e.sourceAddress()).isEqualTo("127.0.0.1"));
  }

  @Test
  void anOperatorSignsOffAChoreUnderTheirOwnNameOnRecord() {
    String form = as(OPERATOR).get("/maintenance/prod").asString();
    assertThat(form)
        .contains("/maintenance/prod/review-dashboards/sign-off")
        .doesNotContain("name=\"by\"");
    assertThat(as(VIEWER).get("/maintenance/prod").asString())
        .as("a viewer is offered no sign-off form")
        .doesNotContain("/sign-off");

    Csrf csrf = Csrf.of(as(OPERATOR).get("/maintenance/prod"));
    Response signOff =
        csrf.post(
            as(OPERATOR),
            "/maintenance/prod/review-dashboards/sign-off",
            Map.of("by", "someone else", "note", "all green"));
    assertThat(signOff.statusCode()).isEqualTo(303);

    assertThat(as(VIEWER).get("/api/maintenance/prod").asString()).contains(OPERATOR);
    AuditEvent event = audit.recent(1).get(0);
    assertThat(event.user()).isEqualTo(OPERATOR);
    assertThat(event.action()).isEqualTo("maintenance.sign-off");
    assertThat(event.target()).isEqualTo("prod/review-dashboards");
    assertThat(event.detail()).isEqualTo("by olga: all green");
  }

  @Test
  void anAdminReloadsRulesAndReadsTheAuditTrail() {
    Csrf csrf = Csrf.of(as(ADMIN).get("/admin"));
    Response reload = csrf.post(as(ADMIN), "/admin/rules/reload", Map.of());
    assertThat(reload.statusCode()).isEqualTo(200);
    assertThat(reload.asString()).contains("Rules reloaded: ");
    assertThat(engine.statuses()).isNotEmpty();

    assertThat(as(ADMIN).get("/api/audit").jsonPath().getList("action")).contains("rules.reload");
    assertThat(as(ADMIN).get("/admin/audit").asString()).contains("rules.reload").contains(ADMIN);
  }

  @Test
  void aBrokenRuleFileIsRefusedWithItsProblemsAndTheRulesInForceStay() throws IOException {
    int rules = engine.statuses().size();
    Path broken = CONFIG.resolve("alarms/broken.yaml");
    Files.createDirectories(broken.getParent());
    Files.writeString(
        broken,
        """
        rules:
          - id: queue-deep
            title: Queue deep
            severity: warning
            metric: {namespace: AWS/SQS, name: ApproximateNumberOfMessagesVisible, statistic: Maximum, period: 60}
            comparison: ">"
            evaluation-periods: 3
            runbook: Drain it.
        """);
    try {
      Csrf csrf = Csrf.of(as(ADMIN).get("/admin"));
      Response reload = csrf.post(as(ADMIN), "/admin/rules/reload", Map.of());

      assertThat(reload.statusCode()).isEqualTo(422);
      assertThat(reload.contentType()).startsWith("text/html");
      assertThat(reload.asString())
          .contains("The rule files have problems; the rules in force are unchanged.")
          .contains("alarms/broken.yaml:2")
          .contains("threshold")
          .doesNotContain("Error id");
      assertThat(engine.statuses()).hasSize(rules);
      assertThat(as(ADMIN).get("/admin/audit").asString()).contains("refused: ");
    } finally {
      Files.delete(broken);
    }
    Csrf csrf = Csrf.of(as(ADMIN).get("/admin"));
    assertThat(csrf.post(as(ADMIN), "/admin/rules/reload", Map.of()).statusCode()).isEqualTo(200);
  }

  @Test
  void everyStateChangingEndpointRefusesARequestWithoutAValidCsrfToken() {
    long events = audit.count();
    Csrf csrf = Csrf.of(as(ADMIN).get("/admin"));
    Map<String, Map<String, String>> actions = new java.util.HashMap<>(operatorActions());
    actions.put("/admin/rules/reload", Map.of());
    for (Map.Entry<String, Map<String, String>> a : actions.entrySet()) {
      // No token at all.
      Response none =
          as(ADMIN)
              .contentType("application/x-www-form-urlencoded")
              .formParams(a.getValue())
              .post(a.getKey());
      assertThat(none.statusCode()).as(a.getKey() + " without a token").isEqualTo(400);
      // The cookie, but another token in the form (a forged form).
      Response forged =
          new Csrf(csrf.cookie(), "forged" + csrf.token())
              .post(as(ADMIN), a.getKey(), a.getValue());
      assertThat(forged.statusCode()).as(a.getKey() + " with a forged token").isEqualTo(400);
      // JSON instead of a form.
      Response json =
          as(ADMIN)
              .cookie("csrf-token", csrf.cookie())
              .contentType("application/json")
              .body("{}")
              .post(a.getKey());
      assertThat(json.statusCode()).as(a.getKey() + " as JSON").isBetween(400, 499);
    }
    assertThat(audit.count()).isEqualTo(events);
  }

  @Test
  void formLoginSetsASecureHttpOnlySameSiteCookie() {
    Csrf form = Csrf.of(given().get("/login"));
    Response login =
        given()
            .redirects()
            .follow(false)
            .cookie("csrf-token", form.cookie())
            .formParam("csrf-token", form.token())
            .contentType("application/x-www-form-urlencoded")
            .formParam("j_username", OPERATOR)
            .formParam("j_password", password(OPERATOR))
            .post("/j_security_check");
    assertThat(login.statusCode()).isEqualTo(302);
    String setCookie =
        login.headers().getValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("quarkus-credential="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie)
        .contains("Secure")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite=Strict");
    String session = login.getCookie("quarkus-credential");
    assertThat(given().cookie("quarkus-credential", session).get("/alarms").statusCode())
        .isEqualTo(200);

    Response failed =
        given()
            .redirects()
            .follow(false)
            .cookie("csrf-token", form.cookie())
            .formParam("csrf-token", form.token())
            .contentType("application/x-www-form-urlencoded")
            .formParam("j_username", OPERATOR)
            .formParam("j_password", "wrong")
            .post("/j_security_check");
    assertThat(failed.header("Location")).contains("/login?error");
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() {
    List<Response> answers = new java.util.ArrayList<>();
    for (String page : PAGES) {
      answers.add(as(ADMIN).get(page));
      answers.add(given().redirects().follow(false).get(page));
    }
    answers.add(given().get("/login"));
    answers.add(given().get("/stackwatch.css"));
    answers.add(given().get("/q/metrics"));
    answers.add(as(VIEWER).get("/environments/nope"));
    for (Response r : answers) {
      SecurityHeadersTest.assertHeaders(r);
    }
    // The CSRF cookie too is Secure and HttpOnly.
    String csrfCookie =
        as(VIEWER).get("/notifications").headers().getValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("csrf-token="))
            .findFirst()
            .orElseThrow();
    assertThat(csrfCookie)
        .contains("Secure")
        .containsIgnoringCase("HttpOnly")
        .containsIgnoringCase("SameSite");
  }

  /** The CSRF token of a page: the cookie it set and the token its forms carry. */
  record Csrf(String cookie, String token) {
    private static final Pattern FIELD = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    static Csrf of(Response page) {
      assertThat(page.statusCode()).isEqualTo(200);
      String cookie = page.getCookie("csrf-token");
      assertThat(cookie).as("csrf-token cookie").isNotNull();
      Matcher m = FIELD.matcher(page.asString());
      return new Csrf(cookie, m.find() ? m.group(1) : cookie);
    }

    Response post(RequestSpecification spec, String path, Map<String, String> form) {
      return spec.cookie("csrf-token", cookie)
          .contentType("application/x-www-form-urlencoded")
          .formParams(form)
          .formParam("csrf-token", token)
          .post(path);
    }
  }
}
