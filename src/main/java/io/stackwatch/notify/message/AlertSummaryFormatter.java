package io.stackwatch.notify.message;

import io.stackwatch.notify.grouping.Alert;
import io.stackwatch.notify.grouping.AlertSummary;
import io.stackwatch.notify.grouping.GroupedAlarm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an {@link AlertSummary} as one message per topic format: a subject such as {@code [prod] 2
 * firing, 1 resolved: Database CPU above 80 %, ...}, and a body listing the firing, then the
 * resolved alarms with value, since, reason, runbook and a link to the alarm's page. The text body
 * is the Qute template {@code templates/notify/alert-summary.txt}; the chat description is {@code
 * alert-summary-chat.txt}. A pure function of the summary and the base URL.
 */
public final class AlertSummaryFormatter {

  private final String baseUrl;

  /**
   * @param baseUrl stackwatch's address as readers reach it, such as {@code https://ops.example}
   */
  public AlertSummaryFormatter(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public Message format(AlertSummary summary, TopicFormat format) {
    String subject = subject(summary);
    SummaryView view = view(summary);
    String body =
        switch (format) {
          case TEXT -> TextTemplates.render("alert-summary.txt", "summary", view);
          case CHATBOT -> chatbot(summary, view, subject);
        };
    return new Message(summary.environment(), event(summary), summary.severity(), subject, body);
  }

  /**
   * {@code [prod] 2 firing, 1 resolved: <titles>}, each title once with the resources it fires for
   * ({@code Dead-letter queue has messages (jobs-failed, mail-parking-lot)}), cut between words
   * under SNS's limit.
   */
  static String subject(AlertSummary s) {
    Map<String, List<String>> resources = new LinkedHashMap<>();
    s.alarms()
        .forEach(
            a ->
                resources
                    .computeIfAbsent(a.alert().title(), t -> new ArrayList<>())
                    .add(a.alert().resource()));
    List<String> items = new ArrayList<>();
    resources.forEach(
        (title, named) -> {
          List<String> distinct = named.stream().filter(r -> !r.isEmpty()).distinct().toList();
          if (distinct.isEmpty()) {
            named.forEach(r -> items.add(title));
          } else {
            items.add(title + " (" + String.join(", ", distinct) + ")");
          }
        });
    return Wording.subject("[" + s.environment() + "] " + counts(s), items);
  }

  private static String counts(AlertSummary s) {
    List<String> parts = new ArrayList<>();
    if (!s.firing().isEmpty()) {
      parts.add(s.firing().size() + " firing");
    }
    if (!s.resolved().isEmpty()) {
      parts.add(s.resolved().size() + " resolved");
    }
    return String.join(", ", parts);
  }

  private SummaryView view(AlertSummary s) {
    return new SummaryView(
        s.environment(),
        counts(s),
        s.repeat(),
        s.firing().stream().map(a -> alarm(a, s)).toList(),
        s.resolved().stream().map(a -> alarm(a, s)).toList(),
        Wording.page(baseUrl, "/alarms"));
  }

  private AlarmView alarm(GroupedAlarm a, AlertSummary s) {
    Alert alert = a.alert();
    return new AlarmView(
        alert.severity().yamlName(),
        alert.title(),
        alert.resource(),
        alert.key(),
        alert.value().isEmpty() ? "no data" : alert.value(),
        Optional.ofNullable(s.acknowledged().get(alert.key()))
            .map(
                k ->
                    k.user()
                        + " at "
                        + Wording.time(k.at())
                        + (k.note().isEmpty() ? "" : ": " + Wording.oneLine(k.note())))
            .orElse(""),
        Wording.time(a.firingSince()),
        Wording.duration(Duration.between(a.firingSince(), a.resolvedAt().orElse(s.at()))),
        a.resolvedAt().map(Wording::time).orElse(""),
        Wording.oneLine(alert.reason()),
        Wording.lines(alert.runbook()),
        Wording.oneLine(alert.runbook()),
        Wording.alarmLink(baseUrl, alert.environment(), alert.alarmId()));
  }

  private static String chatbot(AlertSummary s, SummaryView view, String subject) {
    boolean firing = !s.firing().isEmpty();
    List<String> nextSteps = new ArrayList<>();
    for (AlarmView a : view.firing()) {
      String step = a.title() + ": " + a.runbookLine();
      // Alarms of one rule (two queues) share its runbook: one step.
      if (!a.runbookLine().isEmpty() && !nextSteps.contains(step)) {
        nextSteps.add(step);
      }
    }
    nextSteps.add("All alarms: " + view.alarmsUrl());
    List<String> keywords = new ArrayList<>();
    keywords.add(s.environment());
    keywords.add(s.severity().yamlName());
    s.alarms().map(a -> a.alert().alarmId()).distinct().forEach(keywords::add);
    return ChatbotNotification.of(
            new ChatbotNotification.Content(
                "client-markdown",
                (firing ? ":rotating_light: " : ":white_check_mark: ")
                    + "["
                    + s.environment()
                    + "] "
                    + view.counts(),
                TextTemplates.render("alert-summary-chat.txt", "summary", view).strip(),
                nextSteps,
                keywords),
            new ChatbotNotification.Metadata(s.incident(), subject, event(s).attributeValue()))
        .toJson();
  }

  /**
   * What the templates show of a summary.
   *
   * @param environment environment name
   * @param counts such as {@code 2 firing, 1 resolved}
   * @param repeat nothing changed: the alarms still fire
   * @param firing the firing alarms
   * @param resolved the resolved alarms
   * @param alarmsUrl the {@code /alarms} page
   */
  public record SummaryView(
      String environment,
      String counts,
      boolean repeat,
      List<AlarmView> firing,
      List<AlarmView> resolved,
      String alarmsUrl) {}

  /**
   * One alarm as the templates show it.
   *
   * @param severity {@code critical}, {@code warning} or {@code info}
   * @param title the rule's title
   * @param resource the queue, function or node it fires for; empty for an alarm of one
   * @param key such as {@code prod/rds-cpu-high}
   * @param value the newest datapoint in its unit
   * @param acknowledged who acknowledged it, when, and their note; empty when nobody did
   * @param since when it fired
   * @param duration how long it fired (until resolved, or until the message)
   * @param resolved when it was resolved; empty while it fires
   * @param reason why, in CloudWatch's words, on one line
   * @param runbook the runbook's lines
   * @param runbookLine the runbook on one line
   * @param link its page
   */
  public record AlarmView(
      String severity,
      String title,
      String resource,
      String key,
      String value,
      String acknowledged,
      String since,
      String duration,
      String resolved,
      String reason,
      List<String> runbook,
      String runbookLine,
      String link) {}

  /** {@code firing} while anything fires, else {@code resolved}. */
  static NotificationEvent event(AlertSummary s) {
    return s.anyFiring() ? NotificationEvent.FIRING : NotificationEvent.RESOLVED;
  }
}
