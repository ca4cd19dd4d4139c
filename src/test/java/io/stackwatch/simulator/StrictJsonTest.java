package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("simulator")
class StrictJsonTest {

  @Test
  void parsesObjectsArraysStringsNumbersAndLiterals() {
    JsonNode parsed =
        StrictJson.parse(
            " {\"a\": [1, -2.5e1, true, false, null], \"s\": \"q\\\"\\\\\\/\\n\\u00e9\", \"o\": {}} ");
    ObjectNode expected = StrictJson.object();
    expected.putArray("a").add(1).add(parsed.get("a").get(1)).add(true).add(false).addNull();
    expected.put("s", "q\"\\/\né");
    expected.putObject("o");
    assertThat(parsed).isEqualTo(expected);
    assertThat(parsed.get("a").get(1).decimalValue()).isEqualTo(new BigDecimal("-2.5e1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "  ",
        "{",
        "{\"a\":}",
        "[1,]",
        "{\"a\":1} x",
        "\"\u0001\"",
        "nul",
        "{a:1}",
        "{\"a\":1}{}",
        "'a'",
        "[NaN]",
        "// comment\n{}"
      })
  void refusesWhatIsNotJson(String text) {
    assertThatThrownBy(() -> StrictJson.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void saysWhereTheTextStopsBeingJson() {
    assertThatThrownBy(() -> StrictJson.parse("{\"a\":1} x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x'")
        .hasMessageEndingWith(" at offset 8");
  }

  @Test
  void refusesNestingDeeperThan64() {
    assertThatThrownBy(() -> StrictJson.parse("[".repeat(100) + "]".repeat(100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested too deeply");
    assertThat(StrictJson.parse("[".repeat(64) + "1" + "]".repeat(64))).isNotNull();
  }

  @Test
  void writesWhatItReadsAndEscapesStrings() {
    String text = "{\"k\":[\"a\\\"b\\n\\u0001\",1.50,true,null],\"e\":{}}";
    assertThat(StrictJson.write(StrictJson.parse(text))).isEqualTo(text);
    assertThat(StrictJson.write(JsonNodeFactory.instance.arrayNode().add("tab\t")))
        .isEqualTo("[\"tab\\t\"]");
  }

  @Test
  void keepsNumbersAsTheyWereWritten() {
    String text = "[1.50,1.0E+2,0.0,12345678901234567890,-7,0.1]";
    assertThat(StrictJson.write(StrictJson.parse(text))).isEqualTo(text);
  }

  @Test
  void onlyMembersThatAreThereAndNotNullArePresent() {
    JsonNode body = StrictJson.parse("{\"a\":null,\"b\":0,\"c\":\"\"}");
    assertThat(StrictJson.present(body.get("a"))).isFalse();
    assertThat(StrictJson.present(body.get("b"))).isTrue();
    assertThat(StrictJson.present(body.get("c"))).isTrue();
    assertThat(StrictJson.present(body.get("d"))).isFalse();
    assertThat(StrictJson.present(body.path("d"))).isFalse();
  }
}
