package io.stackwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  @Test
  void parsesObjectsArraysStringsNumbersAndLiterals() {
    Object parsed =
        Json.parse(
            " {\"a\": [1, -2.5e1, true, false, null], \"s\": \"q\\\"\\\\\\/\\n\\u00e9\", \"o\": {}} ");
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put(
        "a", Arrays.asList(new BigDecimal("1"), new BigDecimal("-2.5e1"), true, false, null));
    expected.put("s", "q\"\\/\né");
    expected.put("o", Map.of());
    assertThat(parsed).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{\"a\":}", "[1,]", "{\"a\":1} x", "\"\u0001\"", "nul", "{a:1}"})
  void refusesWhatIsNotJson(String text) {
    assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesNestingDeeperThan64() {
    assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested too deeply");
  }

  @Test
  void writesWhatItReadsAndEscapesStrings() {
    String text = "{\"k\":[\"a\\\"b\\n\\u0001\",1.50,true,null],\"e\":{}}";
    assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    assertThat(Json.write(List.of("tab\t"))).isEqualTo("[\"tab\\t\"]");
  }
}
