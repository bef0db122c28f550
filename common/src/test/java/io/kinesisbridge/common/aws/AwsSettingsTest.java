package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsSettingsTest {

  private static final String SECRET = "wJalrXUtnFEMI-K7MDENG-secret";
  private static final String TOKEN = "FwoGZXIvYXdzE-session-token";
  private static final String EXTERNAL_ID = "external-id-4711";

  private static final Map<String, String> FULL =
      Map.ofEntries(
          Map.entry(AwsConfig.REGION_CONFIG, "eu-central-1"),
          Map.entry(AwsConfig.ENDPOINT_URL_CONFIG, "http://localhost:4566"),
          Map.entry(AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "Static"),
          Map.entry(AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIAIOSFODNN7EXAMPLE"),
          Map.entry(AwsConfig.SECRET_ACCESS_KEY_CONFIG, SECRET),
          Map.entry(AwsConfig.SESSION_TOKEN_CONFIG, TOKEN),
          Map.entry(AwsConfig.STS_ROLE_ARN_CONFIG, "arn:aws:iam::123456789012:role/writer"),
          Map.entry(AwsConfig.STS_ROLE_EXTERNAL_ID_CONFIG, EXTERNAL_ID),
          Map.entry(AwsConfig.STS_ROLE_SESSION_NAME_CONFIG, "task-0"),
          Map.entry(AwsConfig.API_CALL_TIMEOUT_MS_CONFIG, "20000"),
          Map.entry(AwsConfig.API_CALL_ATTEMPT_TIMEOUT_MS_CONFIG, "5000"),
          Map.entry(AwsConfig.RETRY_MAX_ATTEMPTS_CONFIG, "5"),
          Map.entry("kinesis.stream.name", "orders"));

  @Test
  void everySettingIsReadFromRawProperties() {
    AwsSettings settings = AwsSettings.from(FULL);

    assertThat(settings.region()).contains(Region.EU_CENTRAL_1);
    assertThat(settings.endpointOverride()).contains(URI.create("http://localhost:4566"));
    assertThat(settings.stsEndpointOverride()).contains(URI.create("http://localhost:4566"));
    assertThat(settings.credentialsProviderType()).isEqualTo(CredentialsProviderType.STATIC);
    assertThat(settings.accessKeyId()).contains("AKIAIOSFODNN7EXAMPLE");
    assertThat(settings.secretAccessKey())
        .hasValueSatisfying(p -> assertThat(p.value()).isEqualTo(SECRET));
    assertThat(settings.sessionToken())
        .hasValueSatisfying(p -> assertThat(p.value()).isEqualTo(TOKEN));
    assertThat(settings.assumeRole())
        .contains(
            new AwsSettings.AssumeRole(
                "arn:aws:iam::123456789012:role/writer", EXTERNAL_ID, "task-0"));
    assertThat(settings.apiCallTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(settings.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.retryMaxAttempts()).isEqualTo(5);
    assertThat(settings.trustAllCertificates()).isFalse();
  }

  @Test
  void theDefaultsNeedNoProperties() {
    AwsSettings settings = AwsSettings.from(Map.of());

    assertThat(settings.region()).isEmpty();
    assertThat(settings.endpointOverride()).isEmpty();
    assertThat(settings.credentialsProviderType()).isEqualTo(CredentialsProviderType.DEFAULT);
    assertThat(settings.accessKeyId()).isEmpty();
    assertThat(settings.secretAccessKey()).isEmpty();
    assertThat(settings.assumeRole()).isEmpty();
    assertThat(settings.apiCallTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.retryMaxAttempts()).isEqualTo(3);
  }

  @Test
  void aConnectorConfigWithTheAwsGroupGivesTheSameView() {
    ConfigDef def =
        AwsConfig.addTo(
            new ConfigDef()
                .define(
                    "kinesis.stream.name", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "s"));
    AbstractConfig connectorConfig = new AbstractConfig(def, FULL, false);

    AwsSettings settings = AwsSettings.from(connectorConfig);

    assertThat(settings.toString()).isEqualTo(AwsSettings.from(FULL).toString());
  }

  @Test
  void aConnectorConfigWithoutTheAwsGroupIsRejectedWithAHint() {
    ConfigDef def =
        new ConfigDef()
            .define("kinesis.stream.name", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "s");
    AbstractConfig connectorConfig = new AbstractConfig(def, FULL, false);

    assertThatThrownBy(() -> AwsSettings.from(connectorConfig))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("AwsConfig.addTo");
  }

  @Test
  void secretsNeverAppearInToString() {
    String text = AwsSettings.from(FULL).toString();

    assertThat(text)
        .doesNotContain(SECRET)
        .doesNotContain(TOKEN)
        .doesNotContain(EXTERNAL_ID)
        .doesNotContain("AKIAIOSFODNN7EXAMPLE")
        .contains("secretAccessKey=[hidden]")
        .contains("sessionToken=[hidden]")
        .contains("accessKeyId=****MPLE")
        .contains("region=eu-central-1");
  }

  @Test
  void theAssumeRoleViewHidesTheExternalId() {
    AwsSettings.AssumeRole role = AwsSettings.from(FULL).assumeRole().orElseThrow();

    assertThat(role.toString()).doesNotContain(EXTERNAL_ID).contains("externalId=[hidden]");
    assertThat(role.externalIdIfSet()).contains(EXTERNAL_ID);
  }

  @Test
  void theRegionComesFromAnArnOnlyWhenNoneIsConfigured() {
    String arn = "arn:aws:kinesis:ap-southeast-2:123456789012:stream/orders";

    assertThat(AwsSettings.from(Map.of()).withRegionFromArn(arn).region())
        .contains(Region.AP_SOUTHEAST_2);
    assertThat(AwsSettings.from(FULL).withRegionFromArn(arn).region())
        .contains(Region.EU_CENTRAL_1);
    assertThat(AwsSettings.from(Map.of()).withRegionFromArn(null).region()).isEmpty();
  }

  @Test
  void aDedicatedStsEndpointWinsOverTheServiceEndpoint() {
    AwsSettings settings =
        AwsSettings.from(
            Map.of(
                AwsConfig.ENDPOINT_URL_CONFIG,
                    "https://vpce-1.kinesis.us-east-1.vpce.amazonaws.com",
                AwsConfig.STS_ENDPOINT_URL_CONFIG, "https://sts.us-east-1.amazonaws.com"));

    assertThat(settings.stsEndpointOverride())
        .contains(URI.create("https://sts.us-east-1.amazonaws.com"));
  }

  @Test
  void theRoleSessionNameDefaultsToKinesisBridge() {
    AwsSettings settings =
        AwsSettings.from(Map.of(AwsConfig.STS_ROLE_ARN_CONFIG, "arn:aws:iam::123456789012:role/r"));

    assertThat(settings.assumeRole().orElseThrow().sessionName()).isEqualTo("kinesis-bridge");
    assertThat(settings.assumeRole().orElseThrow().externalIdIfSet()).isEmpty();
  }
}
