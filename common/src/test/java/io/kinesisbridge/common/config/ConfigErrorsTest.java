package io.kinesisbridge.common.config;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigErrorsTest {

  @Test
  void messagesLandOnTheConfigValueOfTheirKey() {
    Config config = new Config(List.of(new ConfigValue("aws.region"), new ConfigValue("other")));

    Config result = ConfigErrors.addTo(config, Map.of("aws.region", "aws.region is not set"));

    assertThat(result).isSameAs(config);
    assertThat(result.configValues().get(0).errorMessages())
        .containsExactly("aws.region is not set");
    assertThat(result.configValues().get(1).errorMessages()).isEmpty();
  }

  @Test
  void aKeyOutsideTheConfigDefStillGetsItsMessage() {
    Config config = new Config(List.of(new ConfigValue("aws.region")));
    Map<String, String> errors = new LinkedHashMap<>();
    errors.put("aws.region", "bad region");
    errors.put("undefined.key", "is unknown");

    Config result = ConfigErrors.addTo(config, errors);

    assertThat(result.configValues())
        .extracting(ConfigValue::name)
        .containsExactly("aws.region", "undefined.key");
    assertThat(result.configValues().get(1).errorMessages()).containsExactly("is unknown");
  }

  @Test
  void noErrorsLeaveTheConfigAlone() {
    Config config = new Config(List.of(new ConfigValue("aws.region")));

    assertThat(ConfigErrors.addTo(config, Map.of())).isSameAs(config);
  }
}
