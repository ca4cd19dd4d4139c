package io.stackwatch.notify.message;

import io.stackwatch.notify.message.Digest.DigestAlarm;
import java.time.Duration;
import java.util.List;

/**
 * Writes a {@link Digest} as one message per topic format: a subject such as {@code [prod] Daily
 * digest 2026-11-27: 1 firing; $312.40 of $600.00 budget}, and the health (who is on each firing
 * alarm), cost, last day's alarms, overdue maintenance and failing checks of the environment, from
 * the Qute templates {@code templates/notify/digest.txt} and {@code digest-chat.txt}. A pure
 * function of the digest and the base URL.
 */
public final class DigestFormatter {

  private final String baseUrl;

  /**
   * @param baseUrl stackwatch's address as readers reach it
   */
  public DigestFormatter(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Message format(Digest digest, TopicFormat format) {
    DigestView view = view(digest);
    String subject = subject(digest);
    String body =
        switch (format) {
          case TEXT -> TextTemplates.render("digest.txt", "digest", view);
          case CHATBOT ->
              ChatbotNotification.of(
                      new ChatbotNotification.Content(
                          "client-markdown",
                          ":newspaper: [" + digest.environment() + "] Daily digest " + view.day(),
                          TextTemplates.render("digest-chat.txt", "digest", view).strip(),
                          List.of(
                              "Environment page: " + view.environmentUrl(),
                              "Cost page: " + view.costUrl()),
                          List.of(digest.environment(), "digest")),
                      new ChatbotNotification.Metadata(
                          null, subject, NotificationEvent.DIGEST.attributeValue()))
                  .toJson();
        };
    return new Message(
        digest.environment(), NotificationEvent.DIGEST, digest.severity(), subject, body);
  }

  static String subject(Digest d) {
    String health =
        switch (d.health()) {
          case ALARM -> d.firing().size() + " firing";
          case INSUFFICIENT_DATA -> "insufficient data";
          case OK -> "OK";
        };
    String cost =
        d.cost()
            .map(
                c ->
                    "; "
                        + Wording.usd(c.monthToDate())
                        + c.budget().map(b -> " of " + Wording.usd(b) + " budget").orElse(" so far")
                        + (c.overBudget() ? ", forecast over budget" : ""))
            .orElse("");
    return Wording.subject(
        "[" + d.environment() + "] Daily digest " + Wording.day(d.at()) + ": " + health + cost,
        List.of());
  }

  private DigestView view(Digest d) {
    return new DigestView(
        d.environment(),
        Wording.day(d.at()),
        Wording.time(d.at()),
        health(d),
        d.firing().stream().map(a -> alarm(a, d)).toList(),
        cost(d),
        d.cost().map(c -> Wording.time(c.asOf())).orElse(""),
        d.lastDay().stream().map(a -> alarm(a, d)).toList(),
        d.maintenance()
            .map(m -> m.isEmpty() ? "none." : Wording.count(m.size(), "chore", "chores") + ":")
            .orElse("not tracked yet."),
        d.maintenance().orElse(List.of()).stream()
            .map(m -> m.title() + ", due " + m.due())
            .toList(),
        Wording.page(baseUrl, "/environments/" + d.environment()),
        Wording.page(baseUrl, "/cost"),
        String.join("; ", d.missing()),
        d.failingChecks().isEmpty()
            ? ""
            : Wording.count(d.failingChecks().size(), "chore", "chores") + ":",
        d.failingChecks().stream()
            .map(c -> c.title() + ": " + Wording.oneLine(c.detail()))
            .toList());
  }

  private static String health(Digest d) {
    String without =
        Wording.count(d.insufficientData(), "alarm", "alarms") + " without enough data";
    if (!d.firing().isEmpty()) {
      return "ALARM, "
          + Wording.count(d.firing().size(), "alarm firing", "alarms firing")
          + (d.insufficientData() > 0 ? ", " + without : "");
    }
    if (d.insufficientData() > 0) {
      return "INSUFFICIENT DATA, nothing firing, " + without;
    }
    return "OK, nothing firing";
  }

  private static String cost(Digest d) {
    if (d.cost().isEmpty()) {
      return "not known yet: Cost Explorer was not asked.";
    }
    Digest.Cost c = d.cost().get();
    StringBuilder s = new StringBuilder(Wording.usd(c.monthToDate()));
    s.append(c.budget().map(b -> " of the " + Wording.usd(b) + " budget").orElse(" (no budget)"));
    if (c.forecast().isPresent()) {
      s.append(", forecast ").append(Wording.usd(c.forecast().get())).append(" for the month");
      if (c.overBudget()) {
        s.append(", over budget");
      }
    } else {
      s.append(", no forecast").append(c.forecastError().map(e -> " (" + e + ")").orElse(""));
    }
    return s.append('.').toString();
  }

  private DigestAlarmView alarm(DigestAlarm a, Digest d) {
    return new DigestAlarmView(
        a.severity().yamlName(),
        a.title() + (a.resource().isEmpty() ? "" : " (" + a.resource() + ")"),
        Wording.time(a.since()),
        Wording.duration(Duration.between(a.since(), d.at())),
        a.firings() == 1 ? "fired once" : "fired " + a.firings() + " times",
        a.lastFired().map(Wording::time).orElse(""),
        switch (a.state()) {
          case ALARM -> "firing now";
          case OK -> "OK now";
          case INSUFFICIENT_DATA -> "insufficient data now";
        },
        Wording.alarmLink(baseUrl, d.environment(), a.alarmId()),
        a.acknowledgement()
            .map(
                k ->
                    k.user()
                        + " at "
                        + Wording.time(k.at())
                        + (k.note().isEmpty() ? "" : ": " + Wording.oneLine(k.note())))
            .orElse(""));
  }

  /**
   * What the digest templates show.
   *
   * @param environment environment name
   * @param day such as {@code 2026-11-27}
   * @param time when it was written
   * @param health such as {@code ALARM, 1 alarm firing}
   * @param firing the alarms firing now
   * @param cost the month's cost, as a sentence
   * @param costAsOf when Cost Explorer was asked; empty if never
   * @param lastDay the alarms that fired in the last 24 hours
   * @param maintenance the overdue chores' headline, such as {@code not tracked yet.}
   * @param overdue the overdue chores
   * @param environmentUrl the environment's page
   * @param costUrl the cost page
   * @param missing what it was written without; empty when nothing
   * @param failing the failing checks' headline, such as {@code 4 chores:}; empty when none fails
   * @param failingChecks each failing chore with what its check found
   */
  public record DigestView(
      String environment,
      String day,
      String time,
      String health,
      List<DigestAlarmView> firing,
      String cost,
      String costAsOf,
      List<DigestAlarmView> lastDay,
      String maintenance,
      List<String> overdue,
      String environmentUrl,
      String costUrl,
      String missing,
      String failing,
      List<String> failingChecks) {}

  /**
   * One alarm as the digest shows it.
   *
   * @param severity its severity
   * @param title the rule's title, with the resource it is about in parentheses
   * @param since since when it is in its state
   * @param duration for how long
   * @param fired such as {@code fired 2 times}
   * @param lastFired when it last fired
   * @param now such as {@code firing now}
   * @param link its page
   * @param acknowledged who acknowledged it, when, and their note; empty when nobody did
   */
  public record DigestAlarmView(
      String severity,
      String title,
      String since,
      String duration,
      String fired,
      String lastFired,
      String now,
      String link,
      String acknowledged) {}
}
