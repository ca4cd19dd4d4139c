package io.stackwatch.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of a Query-protocol request ({@code Action=...&Version=...&A.member.1.B=...}).
 * Parsing is one pass over the body; values are only URL-decoded when they contain escapes, since
 * most parameter names and many values are plain ASCII.
 */
public final class QueryForm {

  private final Map<String, String> params;

  private QueryForm(Map<String, String> params) {
    this.params = params;
  }

  /** Parses an {@code application/x-www-form-urlencoded} body. */
  public static QueryForm parse(String body) {
    Map<String, String> params = new HashMap<>();
    int pos = 0;
    int length = body.length();
    while (pos < length) {
      int amp = body.indexOf('&', pos);
      int end = amp < 0 ? length : amp;
      if (end > pos) {
        int eq = body.indexOf('=', pos);
        if (eq < 0 || eq > end) {
          params.put(decode(body.substring(pos, end)), "");
        } else {
          params.put(decode(body.substring(pos, eq)), decode(body.substring(eq + 1, end)));
        }
      }
      pos = end + 1;
    }
    return new QueryForm(params);
  }

  private static String decode(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ServiceException.sender(
          "MalformedQueryString", "The query string is not valid URL encoding: " + s);
    }
  }

  /** The parameter's value, or null if absent. */
  public String get(String name) {
    return params.get(name);
  }

  public boolean has(String name) {
    return params.containsKey(name);
  }

  /**
   * The number of members of a Query-protocol list such as {@code MetricDataQueries}: the highest N
   * among parameters named {@code <list>.member.N...}. A scan over all keys, because a member may
   * lack any one field (a query without an Id is still a query).
   */
  public int memberCount(String list) {
    String prefix = list + ".member.";
    int max = 0;
    for (String key : params.keySet()) {
      if (key.startsWith(prefix)) {
        int end = key.indexOf('.', prefix.length());
        String index = key.substring(prefix.length(), end < 0 ? key.length() : end);
        try {
          max = Math.max(max, Integer.parseInt(index));
        } catch (NumberFormatException e) {
          // Not a member index: AWS would reject the whole request, we just ignore the key.
        }
      }
    }
    return max;
  }

  /** All parameters, for diagnostics. */
  public Map<String, String> asMap() {
    return Map.copyOf(params);
  }
}
