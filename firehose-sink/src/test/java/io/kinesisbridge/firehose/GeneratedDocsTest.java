package io.kinesisbridge.firehose;

import io.kinesisbridge.common.config.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference in {@code docs/firehose-sink.md} matches the ConfigDef. Run with {@code
 * -Ddocs.update=true} to rewrite it after changing a key.
 */
class GeneratedDocsTest {

  private static final Path PAGE = Path.of("..", "docs", "firehose-sink.md");

  @Test
  void firehoseSinkPageShowsEveryKeyAsDefined() throws Exception {
    String page = Files.readString(PAGE);
    String expected =
        ConfigDocs.replaceGenerated(page, ConfigDocs.markdown(FirehoseSinkConfig.configDef()));
    if (Boolean.getBoolean("docs.update")) {
      Files.writeString(PAGE, expected);
      page = expected;
    }
    assertThat(page)
        .as("docs/firehose-sink.md is stale; run ./mvnw -pl firehose-sink test -Ddocs.update=true")
        .isEqualTo(expected);
  }
}
