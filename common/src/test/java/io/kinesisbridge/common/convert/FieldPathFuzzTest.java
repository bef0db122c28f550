package io.kinesisbridge.common.convert;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of {@link FieldPath#parse}, the parser of {@code field:<path>} in {@code
 * kinesis.partition.key}. Properties: a path is rejected only with an {@link
 * IllegalArgumentException} that carries a message; an accepted path has non-empty names that join
 * back to its text, and parsing that text again gives an equal path.
 */
class FieldPathFuzzTest {

  @FuzzTest(maxDuration = "8s")
  void parsesOrRejectsAndRoundTrips(FuzzedDataProvider data) {
    String text = data.consumeRemainingAsString();
    FieldPath path;
    try {
      path = FieldPath.parse(text);
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).isNotBlank();
      return;
    }

    assertThat(path.names()).isNotEmpty().allSatisfy(name -> assertThat(name).isNotEmpty());
    assertThat(String.join(".", path.names())).isEqualTo(path.path());
    assertThat(FieldPath.parse(path.path())).isEqualTo(path);
    assertThat(FieldPath.parse(path.toString()).names()).isEqualTo(path.names());
  }
}
