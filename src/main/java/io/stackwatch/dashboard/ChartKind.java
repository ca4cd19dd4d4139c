package io.stackwatch.dashboard;

/** How a panel is drawn. */
public enum ChartKind {
  /** One line per series over the chosen range. */
  LINE("line"),
  /** As a line, the area below it filled: volumes such as requests or bytes. */
  AREA("area"),
  /** The latest value, large, with a small trend line. */
  STAT("stat"),
  /** Month to date against the budget with the forecast marker, from Cost Explorer; no series. */
  BUDGET("budget");

  private final String yamlName;

  ChartKind(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }
}
