package io.stackwatch.datafile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The problems found in one data file, each naming the file as its user knows it, line, item and
 * field.
 */
public final class FileProblems {

  private record Problem(int line, String text) {}

  private final DataFile file;
  private final List<Problem> problems = new ArrayList<>();

  public FileProblems(DataFile file) {
    this.file = file;
  }

  public DataFile file() {
    return file;
  }

  public int count() {
    return problems.size();
  }

  /**
   * Records {@code file:line rule field: problem}.
   *
   * @param rule such as {@code rule[2] (rds-cpu-high)}; empty for the file itself
   */
  public void add(Node at, String rule, String field, String problem) {
    add(lineOf(at), rule, field, problem);
  }

  public void add(int line, String rule, String field, String problem) {
    String where = file.origin() + ":" + line + " " + (rule.isEmpty() ? "" : rule + " ");
    problems.add(new Problem(line, where + field + ": " + problem));
  }

  /** The problems top to bottom, so a file reads in order whatever was checked first. */
  public List<String> inLineOrder() {
    return problems.stream()
        .sorted(Comparator.comparingInt(Problem::line))
        .map(Problem::text)
        .toList();
  }

  /** The 1-based line a node starts on. */
  public static int lineOf(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
