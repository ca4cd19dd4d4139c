package io.stackwatch.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.stackwatch.TestClock;
import io.stackwatch.alarm.Acknowledgements;
import io.stackwatch.alarm.AlarmEngine;
import io.stackwatch.audit.Audit;
import io.stackwatch.maintenance.Maintenance;
import io.stackwatch.notify.outbox.Outbox;
import io.stackwatch.poll.PollJob;
import io.stackwatch.store.Database;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A store outage as the pages and the API answer it: every route (found by reflection, as {@link
 * BadInputTest} finds them) answers what it can from memory or the documented 503, a page or JSON
 * under {@code /api/}, never a 500 or a stack trace; every action is refused with a 503 and changes
 * nothing, since it could not be recorded in the audit trail with it.
 */
@QuarkusTest
@TestProfile(StoreOutageTest.FileStore.class)
class StoreOutageTest {

  /** An H2 file store that can be taken away (shut down, its file moved), and a rule directory. */
  public static class FileStore implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Path dir = dir();
      String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db");
      try {
        Files.createDirectories(dir.resolve("config/alarms"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      new Database(url, null, null, 2).close(); // the file exists: IFEXISTS below
      return Map.of(
          "stackwatch.store.jdbc-url",
          url + ";WRITE_DELAY=0;IFEXISTS=TRUE",
          "stackwatch.store.acquisition-timeout",
          "200ms",
          "stackwatch.config-directory",
          dir.resolve("config").toAbsolutePath().toString());
    }
  }

  /** This JVM's directory: the same whichever class loader asks. */
  static Path dir() {
    return Path.of("target", "store-outage-" + ProcessHandle.current().pid());
  }

  private static final Pattern STACK_TRACE =
      Pattern.compile("(\\tat |Exception:|Caused by:|java\\.lang\\.)");
  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

  @Inject Database database;
  @Inject PollJob job;
  @Inject TestClock clock;
  @Inject Audit audit;
  @Inject Acknowledgements acknowledgements;
  @Inject Outbox outbox;
  @Inject Maintenance maintenance;
  @Inject AlarmEngine engine;

  @Test
  void duringAnOutageEveryRouteAnswersOrSays503AndEveryActionIsRefusedWithNothingChanged()
      throws Exception {
    clock.advance(Duration.ofMinutes(5));
    job.run();
    String chore = maintenance.checklist().itemsOf("prod").get(0).id();
    Response page = given().get("/notifications");
    String cookie = page.getCookie("csrf-token");
    Matcher m = CSRF.matcher(page.asString());
    assertThat(m.find()).isTrue();
    String token = m.group(1);
    long events = audit.count();
    int acks = acknowledgements.latest().size();
    int messages = outbox.recent(10_000).size();
    int signOffs = maintenance.history("prod", chore).size();
    int rules = engine.reload().rules();

    // A rule added while the store is away: a reload now must not put it in force unrecorded.
    Files.writeString(
        dir().resolve("config/alarms/added.yaml"),
        Files.readString(Path.of("alarms/rds.yaml")).replace("id: rds-", "id: added-rds-"));

    Path file = dir().resolve("db.mv.db");
    Path away = dir().resolve("db.mv.db.away");
    try (Connection c = database.connection();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    }
    Files.move(file, away);
    List<String> problems = new ArrayList<>();
    int answered503 = 0;
    try {
      List<BadInputTest.Route> routes = BadInputTest.routes();
      for (BadInputTest.Route r : routes) {
        String path = fill(r.template(), chore);
        Response answer;
        if (r.method().equals("GET")) {
          answer = given().redirects().follow(false).get(path);
        } else if (path.startsWith("/api/")) {
          // The JSON API: a change it would make but for the outage (a DELETE has no body).
          answer =
              r.method().equals("DELETE")
                  ? given().redirects().follow(false).delete(path)
                  : given()
                      .redirects()
                      .follow(false)
                      .contentType("application/json")
                      .body(
                          "{\"matchers\": [{\"name\": \"environment\", \"value\": \"prod\"}],"
                              + " \"duration\": \"1h\", \"comment\": \"during the outage\"}")
                      .request(r.method(), path);
          if (answer.statusCode() != 503) {
            problems.add(r.method() + " " + path + ": an action answered " + answer.statusCode());
          }
        } else {
          Map<String, String> form = new HashMap<>();
          for (String f : r.formParams()) {
            form.put(f, f.equals("environment") ? "prod" : "during the outage");
          }
          answer =
              given()
                  .redirects()
                  .follow(false)
                  .cookie("csrf-token", cookie)
                  .contentType("application/x-www-form-urlencoded")
                  .formParams(form)
                  .formParam("csrf-token", token)
                  .request(r.method(), path);
          // Signing out changes nothing stored: it works during an outage.
          if (answer.statusCode() != 503 && !path.equals("/logout")) {
            problems.add(r.method() + " " + path + ": an action answered " + answer.statusCode());
          }
        }
        int status = answer.statusCode();
        String body = answer.asString();
        if (status >= 500 && status != 503) {
          problems.add(r.method() + " " + path + " -> " + status);
        }
        if (STACK_TRACE.matcher(body).find()) {
          problems.add(r.method() + " " + path + " -> a stack trace");
        }
        if (status == 503) {
          answered503++;
          if (path.startsWith("/api/")) {
            assertThat(answer.contentType()).as(path).startsWith("application/json");
            assertThat(answer.jsonPath().getString("error")).as(path).contains("unavailable");
          } else {
            assertThat(answer.contentType()).as(path).startsWith("text/html");
            assertThat(body).as(path).contains("The store is unavailable").contains("</html>");
          }
        }
      }
      System.out.printf(
          "Store outage: %d routes, %d answered 503, the rest from memory%n",
          routes.size(), answered503);
    } finally {
      Files.move(away, file);
    }
    assertThat(problems).isEmpty();

    // The store is back: nothing was done, since nothing could be recorded.
    assertThat(audit.count()).isEqualTo(events);
    assertThat(acknowledgements.latest()).hasSize(acks);
    assertThat(outbox.recent(10_000)).hasSize(messages);
    assertThat(maintenance.history("prod", chore)).hasSize(signOffs);
    assertThat(engine.statuses().stream().map(s -> s.instance().id()))
        .as("rules in force")
        .noneMatch(id -> id.startsWith("added-rds-"));
    assertThat(engine.reload().rules()).as("the added rule, reloaded now").isGreaterThan(rules);
  }

  private static String fill(String template, String chore) {
    return template
        .replace("{name}", "prod")
        .replace("{environment}", "prod")
        .replace("{id}", "rds-cpu-high")
        .replace("{item}", chore);
  }
}
