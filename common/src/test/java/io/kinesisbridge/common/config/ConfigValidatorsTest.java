package io.kinesisbridge.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigValidatorsTest {

  private final ConfigDef.Validator oneOf =
      ConfigValidators.oneOf(List.of("none", "per-partition"));
  private final ConfigDef.Validator uri = ConfigValidators.httpUri();
  private final ConfigDef.Validator digits =
      ConfigValidators.matching(Pattern.compile("\\d+"), "digits only");

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void unsetValuesPassEveryValidator(String value) {
    assertThatCode(() -> oneOf.ensureValid("k", value)).doesNotThrowAnyException();
    assertThatCode(() -> uri.ensureValid("k", value)).doesNotThrowAnyException();
    assertThatCode(() -> digits.ensureValid("k", value)).doesNotThrowAnyException();
  }

  @Test
  void oneOfIgnoresCaseAndListsTheValuesWhenWrong() {
    assertThatCode(() -> oneOf.ensureValid("k", " Per-Partition ")).doesNotThrowAnyException();
    assertThatThrownBy(() -> oneOf.ensureValid("k", "all"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must be one of none, per-partition");
    assertThat(oneOf).hasToString("[none, per-partition]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:4566",
        "https://kinesis.us-east-1.amazonaws.com",
        "HTTPS://vpce-0a1b.kinesis.us-east-1.vpce.amazonaws.com/",
        "http://127.0.0.1:4567",
        "https://[::1]:4567",
      })
  void endpointUrisThatTheSdkAcceptsPass(String value) {
    assertThatCode(() -> uri.ensureValid("k", value)).doesNotThrowAnyException();
  }

  @Test
  void aUriProblemIsDescribedInPlainWords() {
    assertThat(ConfigValidators.httpUriProblem("localhost:4566")).contains("absolute http://");
    assertThat(ConfigValidators.httpUriProblem("http://localhost:4566")).isNull();
  }

  @Test
  void matchingNeedsTheWholeValueToMatch() {
    assertThatThrownBy(() -> digits.ensureValid("k", "12a"))
        .hasMessageContaining("must be digits only");
    assertThat(digits).hasToString("digits only");
  }

  @Test
  void theRecommenderOffersTheValuesAndIsAlwaysVisible() {
    ConfigDef.Recommender recommender = ConfigValidators.recommend(List.of("a", "b"));

    assertThat(recommender.validValues("k", Map.of())).containsExactly("a", "b");
    assertThat(recommender.visible("k", Map.of())).isTrue();
  }
}
