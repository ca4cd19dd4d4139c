package io.stackwatch.simulator;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Jackson configured the way AWS reads JSON: one RFC 8259 document and nothing else (no comments,
 * single quotes, trailing commas or text after it), numbers kept exactly as sent; and compact JSON
 * out.
 */
final class StrictJson {

  /** Deeper than any request AWS models; a deeper body is refused before it costs anything. */
  static final int MAX_DEPTH = 64;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                  .build())
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          // Decimals as sent, not as doubles: messages quote 50.50 as it came, and a body
          // rewritten for its page-token fingerprint keeps its digits.
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private StrictJson() {}

  /**
   * Parses one JSON document.
   *
   * @throws IllegalArgumentException if the text is not exactly one well-formed JSON value
   */
  static JsonNode parse(String text) {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (StreamConstraintsException e) {
      throw new IllegalArgumentException("nested too deeply (over " + MAX_DEPTH + " levels)");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new IllegalArgumentException(
          e.getOriginalMessage() + (at == null ? "" : " at offset " + at.getCharOffset()));
    }
    if (node == null || node.isMissingNode()) {
      throw new IllegalArgumentException("unexpected end of input at offset " + text.length());
    }
    return node;
  }

  /** A new, empty object to fill in. */
  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Compact JSON text of a node, strings escaped as RFC 8259 requires and nothing more. */
  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always writes to a string", e);
    }
  }

  /** Whether an object member is there and not {@code null}: AWS reads both alike. */
  static boolean present(JsonNode member) {
    return member != null && !member.isNull() && !member.isMissingNode();
  }
}
