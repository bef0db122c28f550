package io.kinesisbridge.source.offset;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardOffsetTest {

  @Test
  void anOffsetSurvivesTheTripThroughItsMap() {
    ShardOffset offset =
        new ShardOffset("49590338271490256608559692538361571095921575989136588898", 7, false);

    assertThat(ShardOffset.fromMap(offset.toMap())).isEqualTo(offset);
    assertThat(offset.toMap()).doesNotContainKey(ShardOffset.FINISHED);
  }

  @Test
  void theFinishedMarkerSurvivesTheTrip() {
    ShardOffset offset = new ShardOffset("123", 0, false).asFinished();

    assertThat(offset.toMap()).containsEntry("finished", true);
    assertThat(ShardOffset.fromMap(offset.toMap()).finished()).isTrue();
  }

  @Test
  void aSubsequenceReadBackFromJsonAsAnIntegerIsAccepted() {
    assertThat(ShardOffset.fromMap(Map.of("sequence", "5", "subsequence", 3)))
        .isEqualTo(new ShardOffset("5", 3, false));
  }

  @Test
  void noMapMeansNoOffset() {
    assertThat(ShardOffset.fromMap(null)).isNull();
  }

  @Test
  void badShapesAreRefusedNamingTheField() {
    assertThatThrownBy(() -> ShardOffset.fromMap(Map.of("sequence", 5)))
        .hasMessageContaining("'sequence'");
    assertThatThrownBy(() -> ShardOffset.fromMap(Map.of("sequence", "5", "subsequence", "x")))
        .hasMessageContaining("'subsequence'");
    assertThatThrownBy(() -> ShardOffset.fromMap(Map.of("sequence", "5a")))
        .hasMessageContaining("digits");
    assertThatThrownBy(() -> ShardOffset.fromMap(Map.of("sequence", "5", "finished", "yes")))
        .hasMessageContaining("'finished'");
  }

  @Test
  void anOffsetCoversRecordsAtOrBeforeItInSequenceThenSubsequenceOrder() {
    ShardOffset offset = new ShardOffset("100", 2, false);

    assertThat(offset.covers("99", 9)).isTrue();
    assertThat(offset.covers("100", 2)).isTrue();
    assertThat(offset.covers("100", 3)).isFalse();
    assertThat(offset.covers("1000", 0)).isFalse();
  }
}
