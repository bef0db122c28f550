package io.kinesisbridge.sink.key;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.apache.kafka.connect.sink.SinkRecord;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the {@code kinesis.partition.key} parser and the strategies it builds.
 * Properties: a spec is rejected only with an {@link IllegalArgumentException} whose message lists
 * the valid forms; an accepted spec's canonical form parses to an equal strategy; and the strategy
 * gives a record a key of 1 to 256 code points or a {@link PartitionKeyException}.
 */
class PartitionKeySpecFuzzTest {

  private static final int MAX_KEY_CODE_POINTS = 256;

  @FuzzTest(maxDuration = "8s")
  void parsesOrRejectsAndGivesValidKeys(FuzzedDataProvider data) {
    String fieldValue = data.consumeString(400);
    String recordKey = data.consumeString(400);
    String spec = data.consumeRemainingAsString();
    PartitionKeyStrategy strategy;
    try {
      strategy = PartitionKeyStrategy.parse(spec);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).contains("'field:<path>'");
      return;
    }

    assertThat(PartitionKeyStrategy.parse(strategy.spec())).isEqualTo(strategy);
    SinkRecord record =
        new SinkRecord("t", 3, null, recordKey, null, Map.of("a", Map.of("b", fieldValue)), 7L);
    String key;
    try {
      key = strategy.keyFor(record);
    } catch (PartitionKeyException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }
    assertThat(key).isNotEmpty();
    assertThat(key.codePointCount(0, key.length())).isLessThanOrEqualTo(MAX_KEY_CODE_POINTS);
  }
}
