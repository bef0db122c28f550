package io.kinesisbridge.source;

import io.kinesisbridge.common.config.ConfigDocs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference in {@code docs/kinesis-source.md} matches the ConfigDef. Run with {@code
 * -Ddocs.update=true} to rewrite it after changing a key.
 */
class GeneratedDocsTest {

  private static final Path PAGE = Path.of("..", "docs", "kinesis-source.md");

  @Test
  void kinesisSourcePageShowsEveryKeyAsDefined() throws Exception {
    String page = Files.readString(PAGE);
    String expected =
        ConfigDocs.replaceGenerated(page, ConfigDocs.markdown(KinesisSourceConfig.configDef()));
    if (Boolean.getBoolean("docs.update")) {
      Files.writeString(PAGE, expected);
      page = expected;
    }
    assertThat(page)
        .as(
            "docs/kinesis-source.md is stale; run ./mvnw -pl source-connector test"
                + " -Ddocs.update=true")
        .isEqualTo(expected);
  }
}
