package io.stackwatch.web.page;

import io.stackwatch.alarm.AlarmState;
import io.stackwatch.alarm.Category;
import io.stackwatch.alarm.Severity;
import io.stackwatch.snapshot.AlarmReading;
import jakarta.ws.rs.BadRequestException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The filters of {@code /alarms}, all in its URL ({@code
 * ?environment=prod&state=ALARM&severity=critical&category=cost&acknowledged=no&silenced=yes&q=queue}),
 * so a link shows a colleague the same list. Empty means any; {@code acknowledged} and {@code
 * silenced} take yes or no (true and false too); a value that names nothing is a 400 that says
 * which values there are.
 *
 * @param q words that must all appear in the alarm's title, id, environment or reason, any case
 */
record AlarmFilter(
    Optional<String> environment,
    Optional<AlarmState> state,
    Optional<Severity> severity,
    Optional<Category> category,
    Optional<Boolean> acknowledged,
    Optional<Boolean> silenced,
    String q,
    Instant now) {

  static AlarmFilter parse(
      List<String> environments,
      String environment,
      String state,
      String severity,
      String category,
      String acknowledged,
      String silenced,
      String q,
      Instant now) {
    return new AlarmFilter(
        value(environment, "environment", environments, e -> environments.contains(e) ? e : null),
        value(
            state,
            "state",
            names(AlarmState.values(), AlarmState::name),
            s -> find(AlarmState.values(), AlarmState::name, s.toUpperCase(Locale.ROOT))),
        value(
            severity,
            "severity",
            names(Severity.values(), Severity::yamlName),
            s -> Severity.parse(s.toLowerCase(Locale.ROOT)).orElse(null)),
        value(
            category,
            "category",
            names(Category.values(), Category::key),
            s -> find(Category.values(), Category::key, s.toLowerCase(Locale.ROOT))),
        value(acknowledged, "acknowledged", List.of("yes", "no"), AlarmFilter::yesOrNo),
        value(silenced, "silenced", List.of("yes", "no"), AlarmFilter::yesOrNo),
        q == null ? "" : q.strip(),
        now);
  }

  boolean matches(AlarmReading a) {
    var i = a.status().instance();
    String text =
        (i.rule().title() + " " + i.id() + " " + i.environment() + " " + a.status().reason())
            .toLowerCase(Locale.ROOT);
    return environment.map(i.environment()::equals).orElse(true)
        && state.map(s -> s == a.state()).orElse(true)
        && severity.map(s -> s == i.rule().severity()).orElse(true)
        && category.map(c -> c == i.category()).orElse(true)
        && acknowledged.map(k -> k == a.acknowledgement().isPresent()).orElse(true)
        && silenced.map(k -> k == a.silenced(now)).orElse(true)
        && Arrays.stream(q.toLowerCase(Locale.ROOT).split("\\s+"))
            .allMatch(word -> text.contains(word));
  }

  /** One choice of a filter's list, as the form shows it. */
  record Option(String value, boolean selected) {}

  public List<Option> environments(List<String> all) {
    return all.stream().map(e -> new Option(e, environment.map(e::equals).orElse(false))).toList();
  }

  public List<Option> states() {
    return Arrays.stream(AlarmState.values())
        .map(s -> new Option(s.name(), state.map(s::equals).orElse(false)))
        .toList();
  }

  public List<Option> severities() {
    return Arrays.stream(Severity.values())
        .map(s -> new Option(s.yamlName(), severity.map(s::equals).orElse(false)))
        .toList();
  }

  public List<Option> categories() {
    return Arrays.stream(Category.values())
        .map(c -> new Option(c.key(), category.map(c::equals).orElse(false)))
        .toList();
  }

  public List<Option> acknowledgements() {
    return List.of(
        new Option("yes", acknowledged.orElse(false)),
        new Option("no", acknowledged.map(k -> !k).orElse(false)));
  }

  public List<Option> silences() {
    return List.of(
        new Option("yes", silenced.orElse(false)),
        new Option("no", silenced.map(k -> !k).orElse(false)));
  }

  /** Whether any filter is set. */
  public boolean any() {
    return environment.isPresent()
        || state.isPresent()
        || severity.isPresent()
        || category.isPresent()
        || acknowledged.isPresent()
        || silenced.isPresent()
        || !q.isEmpty();
  }

  private static <T> Optional<T> value(
      String text, String name, List<String> allowed, Function<String, T> parse) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    T v = parse.apply(text.strip());
    if (v == null) {
      throw new BadRequestException(
          "No "
              + name
              + " \""
              + text.strip()
              + "\": use one of "
              + String.join(", ", allowed)
              + ".");
    }
    return Optional.of(v);
  }

  private static Boolean yesOrNo(String text) {
    return switch (text) {
      case "yes", "true" -> Boolean.TRUE;
      case "no", "false" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static <T> List<String> names(T[] values, Function<T, String> name) {
    return Arrays.stream(values).map(name).toList();
  }

  private static <T> T find(T[] values, Function<T, String> name, String text) {
    return Arrays.stream(values).filter(v -> name.apply(v).equals(text)).findFirst().orElse(null);
  }
}
