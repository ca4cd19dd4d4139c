package io.stackwatch.web.page;

import io.stackwatch.snapshot.StackSnapshot;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * When a live page asks for its numbers again ({@link StackSnapshot#refreshAfter}): in the page as
 * {@code data-refresh-seconds} and its {@code <noscript>} refresh, and on each fragment {@code
 * /live.js} fetches as the header {@value #HEADER}, so every refresh schedules the next.
 */
final class LiveRefresh {

  static final String HEADER = "Stackwatch-Refresh-Seconds";

  private LiveRefresh() {}

  /** Whole seconds, rounded up, so a refresh never comes before the poll is due. */
  static long seconds(StackSnapshot snapshot, Instant now) {
    return (snapshot.refreshAfter(now).toMillis() + 999) / 1000;
  }

  /** The fragment with the header that schedules the next refresh. */
  static Response fragment(Response fragment, StackSnapshot snapshot, Instant now) {
    return Response.fromResponse(fragment).header(HEADER, seconds(snapshot, now)).build();
  }
}
