package io.kinesisbridge.common.config;

import io.kinesisbridge.common.aws.AwsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The config reference in {@code docs/aws-settings.md} matches the ConfigDef. Run with {@code
 * -Ddocs.update=true} to rewrite it after changing a key.
 */
class GeneratedDocsTest {

  private static final Path PAGE = Path.of("..", "docs", "aws-settings.md");

  @Test
  void awsSettingsPageShowsEveryKeyOfTheAwsGroupAsDefined() throws Exception {
    String page = Files.readString(PAGE);
    String expected = ConfigDocs.replaceGenerated(page, ConfigDocs.markdown(AwsConfig.configDef()));
    if (Boolean.getBoolean("docs.update")) {
      Files.writeString(PAGE, expected);
      page = expected;
    }
    assertThat(page)
        .as("docs/aws-settings.md is stale; run ./mvnw -pl common test -Ddocs.update=true")
        .isEqualTo(expected);
  }

  @Test
  void referenceListsEachKeyWithItsDefaultAndHidesPasswordDefaults() {
    String reference = ConfigDocs.markdown(AwsConfig.configDef());

    assertThat(reference)
        .contains("### AWS", "| `aws.region` |", "| `aws.secret.access.key` | password |");
    assertThat(reference).contains("| `aws.sts.role.session.name` | string | `kinesis-bridge` |");
  }
}
