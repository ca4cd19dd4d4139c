package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.stackwatch.alarm.Acknowledgements;
import io.stackwatch.audit.Audit;
import io.stackwatch.maintenance.Maintenance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A NUL character in a form field is refused with a 400 and nothing is recorded, on H2 (which would
 * store it) as on PostgreSQL ({@link NulInputOnPostgresTest}, which cannot).
 */
@QuarkusTest
class NulInputTest {

  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

  @Inject Audit audit;
  @Inject Acknowledgements acknowledgements;
  @Inject Maintenance maintenance;

  Response post(String path, Map<String, String> form) {
    Response page = given().get("/notifications");
    Matcher m = CSRF.matcher(page.asString());
    assertThat(m.find()).isTrue();
    return given()
        .redirects()
        .follow(false)
        .cookie("csrf-token", page.getCookie("csrf-token"))
        .contentType("application/x-www-form-urlencoded")
        .formParams(form)
        .formParam("csrf-token", m.group(1))
        .post(path);
  }

  @Test
  void aNulInANoteOrANameIsA400AndNothingIsRecorded() {
    String chore = maintenance.checklist().itemsOf("prod").get(0).id();
    long events = audit.count();
    int acknowledged = acknowledgements.latest().size();
    int signOffs = maintenance.history("prod", chore).size();

    Response ack = post("/alarms/prod/rds-cpu-high/acknowledge", Map.of("note", "on it\u0000"));
    assertThat(ack.statusCode()).isEqualTo(400);
    assertThat(ack.asString()).contains("NUL");
    Response note =
        post("/maintenance/prod/" + chore + "/sign-off", Map.of("by", "olga", "note", "a\u0000b"));
    assertThat(note.statusCode()).isEqualTo(400);
    assertThat(note.asString()).contains("NUL");
    Response by = post("/maintenance/prod/" + chore + "/sign-off", Map.of("by", "ol\u0000ga"));
    assertThat(by.statusCode()).isEqualTo(400);

    assertThat(audit.count()).isEqualTo(events);
    assertThat(acknowledgements.latest()).hasSize(acknowledged);
    assertThat(maintenance.history("prod", chore)).hasSize(signOffs);
  }
}
