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

  @org.junit.jupiter.api.Test
  void onlyJsonWhitespaceAroundCountsAndTextAndBytesAgree() {
    String verticalTab = "\u000B{}";

    assertThat(EmbeddedJson.oneLine(verticalTab)).isNull();
    assertThat(EmbeddedJson.oneLine(verticalTab.getBytes(StandardCharsets.UTF_8))).isNull();
  }

  @org.junit.jupiter.api.Test
  void aLoneSurrogateKeepsTheTextAStringWhileAPairIsFine() {
    assertThat(EmbeddedJson.oneLine("{\"a\":\"\uD83D\"}")).isNull();
    assertThat(EmbeddedJson.oneLine("{\"a\":\"\uD83D\uDE00\"}"))
        .isEqualTo("{\"a\":\"\uD83D\uDE00\"}");
  }

  @org.junit.jupiter.api.Test
  void aDocumentDeeperThanJacksonsNestingLimitStaysText() {
    String deep = "[".repeat(1_001) + "]".repeat(1_001);
    String deepEnough = "[".repeat(1_000) + "]".repeat(1_000);

    assertThat(EmbeddedJson.oneLine(deep)).isNull();
    assertThat(EmbeddedJson.oneLine(deepEnough)).isEqualTo(deepEnough);
  }
}
