package io.kinesisbridge.firehose.format;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the {@code firehose.record.delimiter} parser. Properties: a value is
 * rejected only with an {@link IllegalArgumentException} that says why; an accepted delimiter is at
 * most {@link RecordDelimiter#MAX_BYTES} bytes of UTF-8, and its configured form (what {@code
 * toString()} prints for log lines) parses back to an equal delimiter.
 */
class RecordDelimiterFuzzTest {

  @FuzzTest(maxDuration = "8s")
  void parsesOrRejectsAndRoundTrips(FuzzedDataProvider data) {
    String configured = data.consumeRemainingAsString();
    RecordDelimiter delimiter;
    try {
      delimiter = RecordDelimiter.parse(configured);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }

    assertThat(delimiter.bytes()).hasSizeLessThanOrEqualTo(RecordDelimiter.MAX_BYTES);
    assertThat(delimiter.bytes()).isEqualTo(delimiter.text().getBytes(StandardCharsets.UTF_8));
    assertThat(RecordDelimiter.parse(delimiter.toString())).isEqualTo(delimiter);
  }
}
