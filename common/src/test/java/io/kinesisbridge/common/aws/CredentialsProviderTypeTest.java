package io.kinesisbridge.common.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsProviderTypeTest {

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource({
    "default, DEFAULT",
    "' Static ', STATIC",
    "PROFILE, PROFILE",
    "web-identity, WEB_IDENTITY",
    "'', DEFAULT",
  })
  void configValuesAreReadWithoutRegardToCaseOrBlanks(String value, CredentialsProviderType type) {
    assertThat(CredentialsProviderType.fromConfigValue(value)).isEqualTo(type);
  }

  @Test
  void anUnknownValueListsTheValidOnes() {
    assertThatThrownBy(() -> CredentialsProviderType.fromConfigValue("ldap"))
        .hasMessageContaining("[default, static, profile, web-identity]");
  }
}
