package io.kinesisbridge.common.convert;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedJsonTest {

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[]", " {\"a\":1} ", "[1,\n2]", "{\"s\":\"tab\\tinside\"}"})
  void oneObjectOrArrayIsJsonAsTextAndAsUtf8Bytes(String text) {
    String expected = text.strip().replace("\n", "");

    assertThat(EmbeddedJson.oneLine(text)).isEqualTo(expected);
    assertThat(EmbeddedJson.oneLine(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "42",
        "\"text\"",
        "true",
        "null",
        "{",
        "{}{}",
        "{} x",
        "{'a':1}",
        "[1,]",
        "{\"a\":NaN}",
        "// c\n{}",
        "plain"
      })
  void anythingElseIsNot(String text) {
    assertThat(EmbeddedJson.oneLine(text)).isNull();
    assertThat(EmbeddedJson.oneLine(text.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @org.junit.jupiter.api.Test
  void bytesThatAreNotUtf8AreNotJson() {
    byte[] latin1 = "{\"caf\u00e9\":1}".getBytes(StandardCharsets.ISO_8859_1);
    byte[] utf16 = "{}".getBytes(StandardCharsets.UTF_16);

    assertThat(EmbeddedJson.oneLine(latin1)).isNull();
    assertThat(EmbeddedJson.oneLine(utf16)).isNull();
  }
}
