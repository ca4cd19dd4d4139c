package io.stackwatch.dashboard;

import java.util.List;

/**
 * A titled group of panels, such as "Database".
 *
 * @param id kebab-case, an anchor on the page
 * @param title its heading
 * @param panels in display order
 */
public record Section(String id, String title, List<Panel> panels) {

  public Section {
    panels = List.copyOf(panels);
  }
}
