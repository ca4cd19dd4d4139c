package io.stackwatch.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Cost Explorer {@code Expression} (the {@code Filter} of GetCostAndUsage and GetCostForecast):
 * exactly one of {@code And}, {@code Or}, {@code Not}, {@code Dimensions}, {@code Tags} per level.
 * {@code CostCategories} are refused, since the simulated account defines none.
 */
sealed interface CostExpression {

  /** The SERVICE, USAGE_TYPE... dimensions a filter or a group may name in the simulator. */
  Set<String> DIMENSIONS =
      Set.of("SERVICE", "USAGE_TYPE", "REGION", "LINKED_ACCOUNT", "RECORD_TYPE");

  /** Cost Explorer's MatchOptions. */
  Set<String> MATCH_OPTIONS =
      Set.of(
          "EQUALS",
          "ABSENT",
          "STARTS_WITH",
          "ENDS_WITH",
          "CONTAINS",
          "CASE_SENSITIVE",
          "CASE_INSENSITIVE");

  boolean matches(CostLine line);

  /** Adds the Environment tag values this expression names, so those environments are billed. */
  void environments(Set<String> into);

  record And(List<CostExpression> operands) implements CostExpression {
    @Override
    public boolean matches(CostLine line) {
      return operands.stream().allMatch(e -> e.matches(line));
    }

    @Override
    public void environments(Set<String> into) {
      operands.forEach(e -> e.environments(into));
    }
  }

  record Or(List<CostExpression> operands) implements CostExpression {
    @Override
    public boolean matches(CostLine line) {
      return operands.stream().anyMatch(e -> e.matches(line));
    }

    @Override
    public void environments(Set<String> into) {
      operands.forEach(e -> e.environments(into));
    }
  }

  record Not(CostExpression operand) implements CostExpression {
    @Override
    public boolean matches(CostLine line) {
      return !operand.matches(line);
    }

    @Override
    public void environments(Set<String> into) {
      operand.environments(into);
    }
  }

  /**
   * A {@code Dimensions} or {@code Tags} leaf.
   *
   * @param tag true for {@code Tags}
   * @param options the MatchOptions: EQUALS (the default), ABSENT (tags only), CASE_SENSITIVE,
   *     CASE_INSENSITIVE, STARTS_WITH, ENDS_WITH, CONTAINS
   */
  record Values(boolean tag, String key, List<String> values, Set<String> options)
      implements CostExpression {

    @Override
    public boolean matches(CostLine line) {
      String actual = tag ? line.tag(key) : line.dimension(key);
      if (options.contains("ABSENT")) {
        return actual.isEmpty();
      }
      boolean ignoreCase = options.contains("CASE_INSENSITIVE");
      for (String wanted : values) {
        String a = ignoreCase ? actual.toLowerCase(Locale.ROOT) : actual;
        String w = ignoreCase ? wanted.toLowerCase(Locale.ROOT) : wanted;
        boolean hit;
        if (options.contains("STARTS_WITH")) {
          hit = !a.isEmpty() && a.startsWith(w);
        } else if (options.contains("ENDS_WITH")) {
          hit = !a.isEmpty() && a.endsWith(w);
        } else if (options.contains("CONTAINS")) {
          hit = !a.isEmpty() && a.contains(w);
        } else {
          hit = a.equals(w); // "" selects untagged spend, as ABSENT does
        }
        if (hit) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void environments(Set<String> into) {
      if (tag && key.equals(CostModel.TAG_KEY) && !options.contains("ABSENT")) {
        values.stream()
            .filter(v -> !v.isEmpty())
            .filter(
                v ->
                    options.isEmpty()
                        || options.contains("EQUALS")
                        || options.contains("CASE_SENSITIVE"))
            .forEach(into::add);
      }
    }
  }

  /**
   * Parses a {@code Filter} member.
   *
   * @throws ServiceException {@code ValidationException} as Cost Explorer words it
   */
  static CostExpression parse(JsonNode json) {
    if (!(json instanceof ObjectNode map)) {
      throw invalid("Expression must be an object");
    }
    List<String> roots = new ArrayList<>();
    for (String root : List.of("And", "Or", "Not", "Dimensions", "Tags", "CostCategories")) {
      if (StrictJson.present(map.get(root))) {
        roots.add(root);
      }
    }
    if (roots.size() != 1) {
      throw invalid(
          roots.isEmpty()
              ? "Expression has no root. One root operator is required for each expression:"
                  + " And, Or, Not, Dimensions, Tags, CostCategories"
              : "Expression has more than one roots. Only one root operator is allowed for each"
                  + " expression: And, Or, Not, Dimensions, Tags, CostCategories");
    }
    String root = roots.get(0);
    JsonNode value = map.get(root);
    return switch (root) {
      case "And", "Or" -> {
        if (!(value instanceof ArrayNode list) || list.size() < 2) {
          throw invalid(root + " expression must have at least 2 operands");
        }
        List<CostExpression> operands = new ArrayList<>();
        for (JsonNode operand : list) {
          operands.add(parse(operand));
        }
        yield root.equals("And") ? new And(List.copyOf(operands)) : new Or(List.copyOf(operands));
      }
      case "Not" -> new Not(parse(value));
      case "Dimensions" -> values(false, value);
      case "Tags" -> values(true, value);
      default -> throw invalid("Cost category " + value + " is not defined in this account");
    };
  }

  private static Values values(boolean tag, JsonNode json) {
    if (!(json instanceof ObjectNode map)) {
      throw invalid((tag ? "Tags" : "Dimensions") + " must be an object");
    }
    String k = map.path("Key").textValue();
    if (k == null || k.isEmpty()) {
      throw invalid((tag ? "Tag" : "Dimension") + " key must not be empty");
    }
    if (!tag && !DIMENSIONS.contains(k)) {
      throw invalid(
          "Dimension "
              + k
              + " is not simulated; the simulator knows "
              + String.join(", ", DIMENSIONS.stream().sorted().toList()));
    }
    List<String> options = strings(map.get("MatchOptions"), "MatchOptions");
    for (String option : options) {
      if (!MATCH_OPTIONS.contains(option)) {
        throw invalid(
            "1 validation error detected: Value '["
                + option
                + "]' at 'matchOptions' failed to satisfy constraint: Member must satisfy enum"
                + " value set: "
                + MATCH_OPTIONS.stream().sorted().toList());
      }
    }
    List<String> values = strings(map.get("Values"), "Values");
    if (values.isEmpty() && !options.contains("ABSENT")) {
      throw invalid("Values must be specified for " + (tag ? "tag " : "dimension ") + k);
    }
    if (!tag && options.contains("ABSENT")) {
      throw invalid("MatchOption ABSENT is only supported for Tags and CostCategories");
    }
    return new Values(tag, k, values, Set.copyOf(options));
  }

  private static List<String> strings(JsonNode json, String what) {
    if (!StrictJson.present(json)) {
      return List.of();
    }
    if (!(json instanceof ArrayNode list)) {
      throw invalid(what + " must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode o : list) {
      if (!o.isTextual()) {
        throw invalid(what + " must be a list of strings");
      }
      out.add(o.textValue());
    }
    return out;
  }

  private static ServiceException invalid(String message) {
    return ServiceException.sender("ValidationException", message);
  }
}
