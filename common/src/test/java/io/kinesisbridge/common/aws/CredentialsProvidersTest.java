package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsProvidersTest {

  private static AwsSettings settings(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return AwsSettings.from(props);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "default, software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider",
    "profile, software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider",
    "web-identity, software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider",
  })
  void eachProviderNameSelectsTheSdkProvider(String name, Class<?> type) {
    AwsCredentialsProvider provider =
        CredentialsProviders.base(settings(AwsConfig.CREDENTIALS_PROVIDER_CONFIG, name));

    assertThat(provider).isInstanceOf(type);
  }

  @Test
  void theProviderTypesMatchTheirSdkClasses() {
    assertThat(CredentialsProviders.base(settings()))
        .isInstanceOf(DefaultCredentialsProvider.class);
    assertThat(
            CredentialsProviders.base(
                settings(
                    AwsConfig.CREDENTIALS_PROVIDER_CONFIG,
                    "profile",
                    AwsConfig.PROFILE_NAME_CONFIG,
                    "dev")))
        .isInstanceOf(ProfileCredentialsProvider.class);
    assertThat(
            CredentialsProviders.base(
                settings(AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "web-identity")))
        .isInstanceOf(WebIdentityTokenFileCredentialsProvider.class);
  }

  @Test
  void staticCredentialsResolveToTheGivenKeysWithoutNetwork() {
    AwsCredentialsProvider provider =
        CredentialsProviders.base(
            settings(
                AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "static",
                AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIAEXAMPLE",
                AwsConfig.SECRET_ACCESS_KEY_CONFIG, "secret"));

    AwsCredentials credentials = provider.resolveCredentials();

    assertThat(provider).isInstanceOf(StaticCredentialsProvider.class);
    assertThat(credentials.accessKeyId()).isEqualTo("AKIAEXAMPLE");
    assertThat(credentials.secretAccessKey()).isEqualTo("secret");
    assertThat(credentials).isNotInstanceOf(AwsSessionCredentials.class);
  }

  @Test
  void aSessionTokenMakesStaticCredentialsSessionCredentials() {
    AwsCredentials credentials =
        CredentialsProviders.base(
                settings(
                    AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "static",
                    AwsConfig.ACCESS_KEY_ID_CONFIG, "ASIAEXAMPLE",
                    AwsConfig.SECRET_ACCESS_KEY_CONFIG, "secret",
                    AwsConfig.SESSION_TOKEN_CONFIG, "token"))
            .resolveCredentials();

    assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
    assertThat(((AwsSessionCredentials) credentials).sessionToken()).isEqualTo("token");
  }

  @Test
  void staticWithoutASecretFailsNamingTheKeyButNotTheValues() {
    AwsSettings incomplete =
        settings(
            AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "static",
            AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIAEXAMPLE");

    assertThatThrownBy(() -> CredentialsProviders.base(incomplete))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AwsConfig.SECRET_ACCESS_KEY_CONFIG)
        .message()
        .doesNotContain("AKIAEXAMPLE");
  }

  @Test
  void assumeRoleWrapsTheBaseProviderThroughAnStsClientWithoutCallingIt() {
    AwsSettings settings =
        settings(
            AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "static",
            AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIAEXAMPLE",
            AwsConfig.SECRET_ACCESS_KEY_CONFIG, "secret",
            AwsConfig.ENDPOINT_URL_CONFIG, "http://localhost:4566",
            AwsConfig.STS_ROLE_ARN_CONFIG, "arn:aws:iam::123456789012:role/writer",
            AwsConfig.STS_ROLE_EXTERNAL_ID_CONFIG, "ext-1");
    AwsCredentialsProvider base = CredentialsProviders.base(settings);

    try (StsClient sts = CredentialsProviders.stsClient(settings, Region.US_EAST_1, base);
        StsAssumeRoleCredentialsProvider role =
            CredentialsProviders.assumeRole(settings.assumeRole().orElseThrow(), sts)) {

      assertThat(role).isInstanceOf(StsAssumeRoleCredentialsProvider.class);
      assertThat(sts.serviceClientConfiguration().credentialsProvider())
          .isInstanceOfSatisfying(
              SharedCredentialsProvider.class,
              shared -> assertThat(shared.delegate()).isSameAs(base));
      assertThat(sts.serviceClientConfiguration().region()).isEqualTo(Region.US_EAST_1);
      assertThat(sts.serviceClientConfiguration().endpointOverride())
          .contains(URI.create("http://localhost:4566"));
    }
  }

  @Test
  void theStsClientUsesItsOwnEndpointWhenOneIsGiven() {
    AwsSettings settings =
        settings(
            AwsConfig.ENDPOINT_URL_CONFIG, "https://vpce-1.kinesis.us-east-1.vpce.amazonaws.com",
            AwsConfig.STS_ENDPOINT_URL_CONFIG, "https://sts.us-east-1.amazonaws.com",
            AwsConfig.STS_ROLE_ARN_CONFIG, "arn:aws:iam::123456789012:role/writer");

    try (StsClient sts =
        CredentialsProviders.stsClient(
            settings, Region.US_EAST_1, CredentialsProviders.base(settings))) {
      assertThat(sts.serviceClientConfiguration().endpointOverride())
          .contains(URI.create("https://sts.us-east-1.amazonaws.com"));
    }
  }
}
