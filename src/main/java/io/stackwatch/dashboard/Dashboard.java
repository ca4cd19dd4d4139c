package io.stackwatch.dashboard;

import java.util.List;

/**
 * One dashboard file: the sections it adds to a page.
 *
 * @param file where it was read from
 * @param page the page it belongs to
 * @param sections in display order
 */
public record Dashboard(String file, Page page, List<Section> sections) {

  public Dashboard {
    sections = List.copyOf(sections);
  }

  /** The pages dashboards draw. */
  public enum Page {
    /** {@code /environments/{name}}: sections of charts. */
    ENVIRONMENT("environment"),
    /** {@code /}: each panel a key number on the environment's card. */
    OVERVIEW("overview");

    private final String yamlName;

    Page(String yamlName) {
      this.yamlName = yamlName;
    }

    public String yamlName() {
      return yamlName;
    }
  }
}
