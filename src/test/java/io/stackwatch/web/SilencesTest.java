package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.stackwatch.TestClock;
import io.stackwatch.audit.Audit;
import io.stackwatch.audit.AuditEvent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Silences by the JSON API and the pages: made, listed and expired on record; a body that is wrong
 * is a 400 naming the field; {@code /silences} lists active, pending and expired; an alarm's page
 * has the form prefilled with that alarm, which makes a silence shown on its page, on {@code
 * /alarms} (with the {@code silenced} filter) and on its environment's page. (Open access: the
 * viewer's 403 and the forms' CSRF tokens are in {@code SignInTest}.)
 */
@QuarkusTest
@TestProfile(SilencesTest.Profile.class)
class SilencesTest {

  /** An application of its own: its silences touch no other test's alarms. */
  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("stackwatch.notify.base-url", "https://silences.example.com");
    }
  }

  @Inject Audit audit;
  @Inject TestClock clock;

  static Response post(String body) {
    return given().contentType("application/json").body(body).post("/api/silences");
  }

  static String body(String matchers, String rest) {
    return "{\"matchers\": [" + matchers + "], " + rest + "}";
  }

  static final String CPU =
      "{\"name\": \"environment\", \"value\": \"prod\"}, {\"name\": \"alarm\", \"op\": \"=\","
          + " \"value\": \"rds-cpu-high\"}";

  /** A form's CSRF cookie and token, read from a page that has the form. */
  record Csrf(String cookie, String token) {
    static Csrf of(Response page) {
      assertThat(page.statusCode()).isEqualTo(200);
      Matcher m =
          Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"").matcher(page.asString());
      assertThat(m.find()).as("a form with its token").isTrue();
      return new Csrf(page.getCookie("csrf-token"), m.group(1));
    }

    Response post(String path, Map<String, String> form) {
      return given()
          .redirects()
          .follow(false)
          .cookie("csrf-token", cookie)
          .contentType("application/x-www-form-urlencoded")
          .formParams(form)
          .formParam("csrf-token", token)
          .post(path);
    }
  }

  @Test
  void theApiMakesListsAndExpiresSilencesOnRecord() {
    Response made = post(body(CPU, "\"duration\": \"2h\", \"comment\": \"database upgrade\""));
    assertThat(made.statusCode()).isEqualTo(201);
    JsonPath s = made.jsonPath();
    String id = s.getString("id");
    assertThat(made.header("Location")).endsWith("/api/silences/" + id);
    assertThat(s.getString("state")).isEqualTo("active");
    assertThat(s.getString("createdBy")).isEqualTo("local");
    assertThat(s.getString("comment")).isEqualTo("database upgrade");
    assertThat(s.getList("matchers.op")).containsExactly("=", "=");
    assertThat(s.getList("alarms")).containsExactly("prod/rds-cpu-high");
    assertThat(given().get("/api/silences").jsonPath().getList("id")).contains(id);
    assertThat(given().queryParam("state", "active").get("/api/silences").jsonPath().getList("id"))
        .contains(id);
    assertThat(given().queryParam("state", "pending").get("/api/silences").jsonPath().getList("id"))
        .doesNotContain(id);
    assertThat(given().queryParam("state", "over").get("/api/silences").statusCode())
        .isEqualTo(400);

    assertThat(given().get("/api/alarms/prod/rds-cpu-high").jsonPath().getList("silencedBy"))
        .containsExactly(id);
    JsonPath all = given().get("/api/alarms").jsonPath();
    assertThat(
            all.getList(
                "find { it.id == 'rds-cpu-high' && it.environment == 'staging' }.silencedBy"))
        .isEmpty();
    assertThat(
            given()
                .queryParam("silenced", "yes")
                .queryParam("environment", "prod")
                .get("/alarms")
                .asString())
        .contains("Database CPU above 80 %")
        .contains("/silences#silence-" + id);
    assertThat(given().queryParam("silenced", "true").get("/alarms").asString())
        .as("true is yes")
        .contains("/silences#silence-" + id);
    assertThat(given().queryParam("silenced", "no").get("/alarms").asString())
        .doesNotContain("/silences#silence-" + id);
    assertThat(
            given()
                .queryParam("silenced", "maybe")
                .get("/alarms")
                .then()
                .statusCode(400)
                .extract()
                .asString())
        .contains("No silenced &quot;maybe&quot;: use one of yes, no.");

    Response expired = given().delete("/api/silences/" + id);
    assertThat(expired.statusCode()).isEqualTo(200);
    assertThat(expired.jsonPath().getString("state")).isEqualTo("expired");
    assertThat(expired.jsonPath().getString("expiredBy")).isEqualTo("local");
    assertThat(given().delete("/api/silences/" + id).statusCode())
        .as("already ended")
        .isEqualTo(409);
    assertThat(given().delete("/api/silences/nope").statusCode()).isEqualTo(404);
    assertThat(given().get("/api/silences/nope").statusCode()).isEqualTo(404);
    assertThat(given().get("/api/alarms/prod/rds-cpu-high").jsonPath().getList("silencedBy"))
        .isEmpty();

    List<AuditEvent> events = audit.recent(2);
    assertThat(events)
        .extracting(AuditEvent::action, AuditEvent::target)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("silence.expire", id),
            org.assertj.core.groups.Tuple.tuple("silence.create", id));
    assertThat(events.get(1).detail())
        .startsWith("environment=\"prod\", alarm=\"rds-cpu-high\" from ")
        .endsWith(" by local: database upgrade");
  }

  /** The 400 of a body, and the field it names. */
  static JsonPath refused(String body) {
    Response r = post(body);
    assertThat(r.statusCode()).as(body).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/json");
    return r.jsonPath();
  }

  @Test
  void aWrongBodyIsA400NamingTheFieldAndNothingIsRecorded() {
    long events = audit.count();
    String rest = "\"duration\": \"2h\", \"comment\": \"x\"";
    JsonPath regex =
        refused(body("{\"name\": \"alarm\", \"op\": \"=~\", \"value\": \"rds-(\"}", rest));
    assertThat(regex.getString("field")).isEqualTo("matchers[0].value");
    assertThat(regex.getString("error")).contains("not a regular expression");

    JsonPath ends =
        refused(
            body(
                CPU,
                "\"startsAt\": \"2026-11-27T10:00:00Z\", \"endsAt\": \"2026-11-27T09:00:00Z\","
                    + " \"comment\": \"x\""));
    assertThat(ends.getString("field")).isEqualTo("endsAt");
    assertThat(ends.getString("error")).contains("is not after startsAt");

    JsonPath category = refused(body("{\"name\": \"category\", \"value\": \"money\"}", rest));
    assertThat(category.getString("field")).isEqualTo("matchers[0].value");
    assertThat(category.getString("error")).contains("categories are health, cost, maintenance");

    assertThat(refused(body(CPU, "\"duration\": \"2h\"")).getString("field")).isEqualTo("comment");
    assertThat(refused(body(CPU, "\"duration\": \"2h\", \"comment\": \"  \"")).getString("field"))
        .isEqualTo("comment");
    assertThat(refused(body(CPU, "\"comment\": \"x\"")).getString("field")).isEqualTo("endsAt");
    assertThat(refused(body(CPU, "\"endAt\": \"2h\", \"comment\": \"x\"")).getString("field"))
        .isEqualTo("endAt");
    assertThat(refused(body(CPU, "\"duration\": 2, \"comment\": \"x\"")).getString("field"))
        .isEqualTo("duration");
    assertThat(refused("{\"matchers\": \"prod\", " + rest + "}").getString("field"))
        .isEqualTo("matchers");
    assertThat(refused("{" + rest + "}").getString("field")).isEqualTo("matchers");
    assertThat(refused(body("{\"name\": \"host\", \"value\": \"a\"}", rest)).getString("field"))
        .isEqualTo("matchers[0].name");
    assertThat(refused("{\"matchers\": [").getString("field")).isEqualTo("body");
    assertThat(refused("[]").getString("field")).isEqualTo("body");
    // The API takes JSON only; a page's change, a form only (its CSRF token is in the form): a
    // body of another type, as another site's page can send one, does nothing.
    assertThat(
            given()
                .contentType("text/plain")
                .body(body(CPU, rest))
                .post("/api/silences")
                .statusCode())
        .isEqualTo(415);
    for (String page : List.of("/silences", "/alarms/prod/rds-cpu-high/acknowledge")) {
      assertThat(given().body(new byte[0]).post(page).statusCode()).as(page).isEqualTo(400);
    }
    assertThat(given().body(new byte[0]).delete("/api/silences/x").statusCode())
        .as("a DELETE of the API carries no body")
        .isEqualTo(415);
    assertThat(audit.count()).isEqualTo(events);
  }

  static String section(String page, String state) {
    int from = page.indexOf("<h2 id=\"" + state + "\">");
    assertThat(from).as(state).isPositive();
    int to = page.indexOf("<h2 ", from + 1);
    return page.substring(from, to < 0 ? page.length() : to);
  }

  @Test
  void theSilencesPageListsActivePendingAndExpired() {
    String active =
        post(body(CPU, "\"duration\": \"1h\", \"comment\": \"active one\""))
            .jsonPath()
            .getString("id");
    String pending =
        post(body(
                "{\"name\": \"category\", \"value\": \"cost\"}",
                "\"startsAt\": \""
                    + clock.instant().plus(Duration.ofHours(1))
                    + "\", \"duration\": \"1h\", \"comment\": \"pending one\""))
            .jsonPath()
            .getString("id");
    String expired =
        post(body(CPU, "\"duration\": \"1h\", \"comment\": \"<b>expired</b> one\""))
            .jsonPath()
            .getString("id");
    given().delete("/api/silences/" + expired).then().statusCode(200);

    String page = given().get("/silences").then().statusCode(200).extract().asString();
    assertThat(section(page, "active"))
        .contains("silence-" + active)
        .contains("active one")
        .contains("prod/rds-cpu-high")
        .doesNotContain("silence-" + pending);
    assertThat(section(page, "pending"))
        .contains("silence-" + pending)
        .contains("pending one")
        .contains("category=&quot;cost&quot;")
        .doesNotContain("silence-" + active);
    assertThat(section(page, "expired"))
        .contains("silence-" + expired)
        .contains("expired early by local")
        .doesNotContain("silence-" + active);
    assertThat(page.indexOf("id=\"active\"")).isLessThan(page.indexOf("id=\"pending\""));
    assertThat(page).contains("&lt;b&gt;expired&lt;/b&gt; one").doesNotContain("<b>expired</b>");
    assertThat(page)
        .contains("action=\"/silences/" + active + "/expire\"")
        .doesNotContain("action=\"/silences/" + expired + "/expire\"");

    // Expired from the page's button: the form with its token.
    Response button =
        Csrf.of(given().get("/silences")).post("/silences/" + active + "/expire", Map.of());
    assertThat(button.statusCode()).isEqualTo(303);
    assertThat(given().get("/api/silences/" + active).jsonPath().getString("state"))
        .isEqualTo("expired");
    assertThat(given().get("/api/silences/" + pending).jsonPath().getString("state"))
        .isEqualTo("pending");
    given().delete("/api/silences/" + pending).then().statusCode(200);
  }

  @Test
  void anAlarmsPageOffersTheFormPrefilledAndShowsTheSilenceItMakes() {
    String alarm = given().get("/alarms/prod/sqs-dlq-not-empty:prod-email-dlq").asString();
    assertThat(alarm)
        .contains("<form class=\"action silence-form\" method=\"post\" action=\"/silences\">")
        .contains("name=\"environment\" value=\"prod\"")
        .contains("name=\"alarm\" value=\"sqs-dlq-not-empty:prod-email-dlq\"")
        .contains("name=\"resource\" value=\"prod-email-dlq\"")
        .contains("name=\"back\" value=\"/alarms/prod/sqs-dlq-not-empty:prod-email-dlq\"");

    Csrf csrf = Csrf.of(given().get("/alarms/prod/sqs-dlq-not-empty:prod-email-dlq"));
    Response refused =
        csrf.post(
            "/silences",
            Map.of(
                "environment",
                "prod",
                "alarm",
                "sqs-dlq-not-empty:prod-email-dlq",
                "duration",
                "1h"));
    assertThat(refused.statusCode()).as("without a comment").isEqualTo(400);
    assertThat(refused.asString()).contains("comment is required");

    Response made =
        csrf.post(
            "/silences",
            Map.of(
                "environment", "prod",
                "alarm", "sqs-dlq-not-empty:prod-email-dlq",
                "resource", "prod-email-dlq",
                "duration", "1h",
                "comment", "draining the queue",
                "back", "/alarms/prod/sqs-dlq-not-empty:prod-email-dlq"));
    assertThat(made.statusCode()).isEqualTo(303);
    assertThat(made.header("Location")).endsWith("/alarms/prod/sqs-dlq-not-empty:prod-email-dlq");

    String shown = given().get("/alarms/prod/sqs-dlq-not-empty:prod-email-dlq").asString();
    assertThat(shown).contains("Silenced until ").contains("draining the queue");
    assertThat(given().get("/environments/prod").asString()).contains("silenced until ");
    JsonPath silences = given().queryParam("state", "active").get("/api/silences").jsonPath();
    String id = silences.getString("find { it.comment == 'draining the queue' }.id");
    assertThat(silences.getList("find { it.comment == 'draining the queue' }.matchers.name"))
        .containsExactly("environment", "alarm", "resource");

    // Elsewhere than an alarm's page, a form goes back to the silence, never to another site.
    Response elsewhere =
        csrf.post(
            "/silences",
            Map.of(
                "alarm", "rds-.*",
                "alarm_op", "=~",
                "severity", "info",
                "severity_op", "!=",
                "endsAt", clock.instant().plus(Duration.ofHours(3)).toString().substring(0, 16),
                "comment", "upgrade",
                "back", "//evil.example.com/alarms/x/y"));
    assertThat(elsewhere.statusCode()).isEqualTo(303);
    String location = elsewhere.header("Location");
    assertThat(location).contains("/silences#silence-");
    given().delete("/api/silences/" + id).then().statusCode(200);
    given()
        .delete("/api/silences/" + location.substring(location.indexOf("#silence-") + 9))
        .then()
        .statusCode(200);
  }
}
