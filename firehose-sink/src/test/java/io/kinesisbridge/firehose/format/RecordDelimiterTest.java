package io.kinesisbridge.firehose.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordDelimiterTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {"\\n;0A", "\\r\\n;0D0A", "\\t;09", "\\\\;5C", "|;7C", "NONE;''", " none ;''"})
  void escapesAndLiteralsBecomeTheirBytes(String configured, String hex) {
    RecordDelimiter delimiter = RecordDelimiter.parse(configured);

    assertThat(hex(delimiter.bytes())).isEqualTo(hex);
  }

  @Test
  void aRealLineFeedAsAJsonConfigCarriesItIsTakenLiterally() {
    assertThat(RecordDelimiter.parse("\n").bytes()).containsExactly('\n');
    assertThat(RecordDelimiter.parse("\r\n").toString()).isEqualTo("\\r\\n");
  }

  @Test
  void noneWritesNothing() {
    RecordDelimiter none = RecordDelimiter.parse("none");

    assertThat(none.isNone()).isTrue();
    assertThat(none.bytes()).isEmpty();
    assertThat(none).hasToString("none");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"", "\\m", "a\\", "\\x0A"})
  void emptyValuesAndUnknownEscapesAreRejectedInPlainWords(String configured) {
    assertThatThrownBy(() -> RecordDelimiter.parse(configured))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("(is empty|has an unknown escape).*");
  }

  @Test
  void delimitersLongerThanSixteenBytesAreRejected() {
    assertThatThrownBy(() -> RecordDelimiter.parse("=".repeat(17)))
        .hasMessageContaining("at most 16");
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) {
      out.append(String.format("%02X", b));
    }
    return out.toString();
  }

  @Test
  void multiByteCharactersCountInUtf8() {
    assertThat(RecordDelimiter.parse("§").bytes()).isEqualTo("§".getBytes(StandardCharsets.UTF_8));
  }
}
