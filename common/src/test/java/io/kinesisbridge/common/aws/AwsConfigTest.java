package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsConfigTest {

  private static final String ROLE = "arn:aws:iam::123456789012:role/kinesis-writer";
  private static final String STREAM = "arn:aws:kinesis:eu-west-1:123456789012:stream/orders";

  /** Cross-field validation with no region in the environment, so tests never depend on it. */
  private static Map<String, String> validate(Map<String, String> props, Collection<String> arns) {
    return new AwsConfigValidation(props, arns, Optional::empty).run();
  }

  private static Map<String, String> validate(Map<String, String> props) {
    return validate(props, List.of());
  }

  private static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put(AwsConfig.REGION_CONFIG, "us-east-1");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  @Test
  void everyKeyIsInTheAwsGroupInOrderWithADisplayName() {
    ConfigDef def = AwsConfig.configDef();

    assertThat(def.groups()).containsExactly(AwsConfig.GROUP);
    List<ConfigDef.ConfigKey> keys =
        def.configKeys().values().stream()
            .sorted((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup))
            .toList();
    assertThat(keys).allSatisfy(key -> assertThat(key.group).isEqualTo("AWS"));
    assertThat(keys).allSatisfy(key -> assertThat(key.displayName).isNotBlank());
    assertThat(keys).allSatisfy(key -> assertThat(key.documentation).isNotBlank());
    assertThat(keys.stream().map(key -> key.orderInGroup)).doesNotHaveDuplicates();
    assertThat(keys.get(0).name).isEqualTo(AwsConfig.REGION_CONFIG);
  }

  @Test
  void theContractKeysAreAllDefined() {
    assertThat(AwsConfig.configDef().names())
        .contains(
            "aws.region",
            "aws.endpoint.url",
            "aws.credentials.provider",
            "aws.access.key.id",
            "aws.secret.access.key",
            "aws.session.token",
            "aws.sts.role.arn",
            "aws.sts.role.external.id",
            "aws.sts.role.session.name",
            "aws.profile.name",
            "aws.api.call.timeout.ms",
            "aws.api.call.attempt.timeout.ms",
            "aws.retry.max.attempts",
            "aws.endpoint.tls.trust.all");
  }

  @Test
  void secretsArePasswords() {
    Map<String, ConfigDef.ConfigKey> keys = AwsConfig.configDef().configKeys();

    assertThat(keys.get(AwsConfig.SECRET_ACCESS_KEY_CONFIG).type)
        .isEqualTo(ConfigDef.Type.PASSWORD);
    assertThat(keys.get(AwsConfig.SESSION_TOKEN_CONFIG).type).isEqualTo(ConfigDef.Type.PASSWORD);
  }

  @Test
  void theCredentialsProviderValidatorListsTheValidValuesForTheDocs() {
    ConfigDef.ConfigKey key =
        AwsConfig.configDef().configKeys().get(AwsConfig.CREDENTIALS_PROVIDER_CONFIG);

    assertThat(key.validator).hasToString("[default, static, profile, web-identity]");
    assertThat(key.recommender.validValues(key.name, Map.of()))
        .containsExactly("default", "static", "profile", "web-identity");
  }

  @Test
  void addToExtendsAConnectorsOwnConfigDef() {
    ConfigDef def =
        new ConfigDef()
            .define(
                "kinesis.stream.name", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "stream");

    assertThat(AwsConfig.addTo(def)).isSameAs(def);
    assertThat(def.names()).contains("kinesis.stream.name", AwsConfig.REGION_CONFIG);
  }

  @Test
  void anEmptyConfigParsesToTheDefaults() {
    Map<String, Object> parsed = AwsConfig.configDef().parse(Map.of());

    assertThat(parsed)
        .containsEntry(AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "default")
        .containsEntry(AwsConfig.STS_ROLE_SESSION_NAME_CONFIG, "kinesis-bridge")
        .containsEntry(AwsConfig.API_CALL_TIMEOUT_MS_CONFIG, 30_000L)
        .containsEntry(AwsConfig.API_CALL_ATTEMPT_TIMEOUT_MS_CONFIG, 10_000L)
        .containsEntry(AwsConfig.RETRY_MAX_ATTEMPTS_CONFIG, 3)
        .containsEntry(AwsConfig.ENDPOINT_TLS_TRUST_ALL_CONFIG, false);
  }

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "aws.credentials.provider | ldap | must be one of default, static, profile, web-identity",
        "aws.endpoint.url | localhost:4566 | must be an absolute http:// or https:// URI",
        "aws.endpoint.url | ftp://localhost:4566 | must be an absolute http:// or https:// URI",
        "aws.endpoint.url | http:///no-host | must name a host",
        "aws.endpoint.url | http://user:pw@localhost:4566 | must not carry user info",
        "aws.endpoint.url | http://localhost:4566/?a=b | must not have a query or fragment",
        "aws.endpoint.url | http://local host | is not a valid URI",
        "aws.sts.endpoint.url | sts.amazonaws.com | must be an absolute http:// or https:// URI",
        "aws.region | US East 1 | must be a region name such as us-east-1",
        "aws.sts.role.session.name | my session! | must be 2-64 letters, digits or +=,.@_- characters",
        "aws.sts.role.session.name | x | must be 2-64 letters, digits or +=,.@_- characters",
        "aws.sts.role.external.id | id with spaces | must be 2-1224 letters",
        "aws.retry.max.attempts | 0 | Value must be at least 1",
        "aws.api.call.timeout.ms | soon | Not a number of type LONG",
      })
  void singleKeyMistakesAreReportedOnTheirKey(String key, String value, String message) {
    Map<String, ConfigValue> results =
        AwsConfig.configDef().validate(props(key, value)).stream()
            .collect(Collectors.toMap(ConfigValue::name, v -> v));

    assertThat(results.get(key).errorMessages()).anySatisfy(m -> assertThat(m).contains(message));
  }

  @Test
  void parsingAMalformedValueNamesTheKey() {
    assertThatThrownBy(() -> AwsSettings.from(props(AwsConfig.ENDPOINT_URL_CONFIG, "nope")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(AwsConfig.ENDPOINT_URL_CONFIG);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "static provider without key id | aws.credentials.provider=static,aws.secret.access.key=s"
            + " | aws.access.key.id | is required when aws.credentials.provider is 'static'",
        "static provider without secret | aws.credentials.provider=static,aws.access.key.id=AKIA"
            + " | aws.secret.access.key | is required when aws.credentials.provider is 'static'",
        "key id with the default provider | aws.access.key.id=AKIA"
            + " | aws.access.key.id | is only used when aws.credentials.provider is 'static', but"
            + " it is 'default'",
        "session token with the profile provider | aws.credentials.provider=profile,"
            + "aws.session.token=t | aws.session.token | but it is 'profile'",
        "profile name with the static provider | aws.credentials.provider=static,"
            + "aws.access.key.id=AKIA,aws.secret.access.key=s,aws.profile.name=dev"
            + " | aws.profile.name | is only used when aws.credentials.provider is 'profile'",
        "role ARN of a user | aws.sts.role.arn=arn:aws:iam::123456789012:user/alice"
            + " | aws.sts.role.arn | must be an IAM role ARN such as",
        "role ARN that is not an ARN | aws.sts.role.arn=kinesis-writer"
            + " | aws.sts.role.arn | does not have the shape",
        "external id without role | aws.sts.role.external.id=abc"
            + " | aws.sts.role.external.id | is only used together with aws.sts.role.arn",
        "session name without role | aws.sts.role.session.name=abc"
            + " | aws.sts.role.session.name | is only used together with aws.sts.role.arn",
        "STS endpoint without role | aws.sts.endpoint.url=http://localhost:4566"
            + " | aws.sts.endpoint.url | is only used together with aws.sts.role.arn",
        "trust-all without endpoint | aws.endpoint.tls.trust.all=true"
            + " | aws.endpoint.tls.trust.all | is a test-only switch for emulators",
        "attempt timeout above call timeout | aws.api.call.timeout.ms=5000,"
            + "aws.api.call.attempt.timeout.ms=6000"
            + " | aws.api.call.attempt.timeout.ms | is 6000 ms, longer than aws.api.call.timeout.ms",
        "attempt timeout above default call timeout | aws.api.call.attempt.timeout.ms=60000"
            + " | aws.api.call.attempt.timeout.ms | longer than aws.api.call.timeout.ms (30000 ms)",
      })
  void crossFieldMistakesAreReportedInPlainWordsOnTheKeyAtFault(
      String description, String settings, String key, String message) {
    Map<String, String> props = props();
    for (String pair : settings.split(",")) {
      String[] kv = pair.split("=", 2);
      props.put(kv[0].trim(), kv[1].trim());
    }

    Map<String, String> errors = validate(props);

    assertThat(errors).containsOnlyKeys(key);
    assertThat(errors.get(key)).startsWith(key + " ").contains(message);
  }

  @Test
  void aConsistentConfigHasNoErrors() {
    Map<String, String> props =
        props(
            AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "STATIC",
            AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIAEXAMPLE",
            AwsConfig.SECRET_ACCESS_KEY_CONFIG, "secret",
            AwsConfig.SESSION_TOKEN_CONFIG, "token",
            AwsConfig.STS_ROLE_ARN_CONFIG, ROLE,
            AwsConfig.STS_ROLE_EXTERNAL_ID_CONFIG, "ext-123",
            AwsConfig.ENDPOINT_URL_CONFIG, "https://localhost:4567",
            AwsConfig.ENDPOINT_TLS_TRUST_ALL_CONFIG, "true");

    assertThat(validate(props)).isEmpty();
  }

  @Test
  void blankValuesCountAsUnset() {
    Map<String, String> props =
        props(AwsConfig.ACCESS_KEY_ID_CONFIG, "  ", AwsConfig.STS_ROLE_EXTERNAL_ID_CONFIG, "");

    assertThat(validate(props)).isEmpty();
  }

  @Test
  void aMissingRegionIsAnErrorWhenNothingCanSupplyIt() {
    Map<String, String> props = new HashMap<>();

    assertThat(validate(props))
        .containsOnlyKeys(AwsConfig.REGION_CONFIG)
        .extractingByKey(AwsConfig.REGION_CONFIG)
        .asString()
        .contains("is not set and cannot be derived");
  }

  @Test
  void aMissingRegionIsTakenFromAStreamArn() {
    assertThat(validate(new HashMap<>(), List.of("not-an-arn", STREAM))).isEmpty();
  }

  @Test
  void aMissingRegionIsTakenFromTheEnvironment() {
    Map<String, String> errors =
        new AwsConfigValidation(Map.of(), List.of(), () -> Optional.of(Region.US_WEST_2)).run();

    assertThat(errors).isEmpty();
  }

  @Test
  void aRegionThatContradictsTheStreamArnIsAnError() {
    Map<String, String> errors = validate(props(), List.of(STREAM));

    assertThat(errors.get(AwsConfig.REGION_CONFIG))
        .contains("is us-east-1 but " + STREAM + " is in eu-west-1");
  }

  @Test
  void streamArnsInTwoRegionsAreAnErrorWhenNoRegionIsSet() {
    String usEast = "arn:aws:kinesis:us-east-1:123456789012:stream/clicks";

    Map<String, String> errors = validate(new HashMap<>(), List.of(STREAM, usEast));

    assertThat(errors.get(AwsConfig.REGION_CONFIG))
        .contains("the ARNs name more than one region")
        .contains(STREAM + " is in eu-west-1 but " + usEast + " is in us-east-1")
        .contains("run one connector per region");
  }

  @Test
  void streamArnsInOneRegionNeedNoRegionSetting() {
    String sameRegion = "arn:aws:kinesis:eu-west-1:210987654321:stream/clicks";

    assertThat(validate(new HashMap<>(), List.of(STREAM, sameRegion))).isEmpty();
  }

  @Test
  void severalMistakesAreAllReported() {
    Map<String, String> errors =
        validate(
            Map.of(
                AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "static",
                AwsConfig.STS_ROLE_EXTERNAL_ID_CONFIG, "abc"));

    assertThat(errors)
        .containsOnlyKeys(
            AwsConfig.ACCESS_KEY_ID_CONFIG,
            AwsConfig.SECRET_ACCESS_KEY_CONFIG,
            AwsConfig.STS_ROLE_EXTERNAL_ID_CONFIG,
            AwsConfig.REGION_CONFIG);
  }

  @Test
  void anUnknownProviderIsLeftToTheSingleKeyValidator() {
    assertThat(validate(props(AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "ldap"))).isEmpty();
  }

  @Test
  void theSecretValueNeverAppearsInAValidationMessage() {
    Map<String, String> props =
        props(AwsConfig.SECRET_ACCESS_KEY_CONFIG, "wJalrXUtnFEMI-very-secret");

    assertThat(String.join(" ", validate(props).values())).doesNotContain("very-secret");
  }

  @Test
  void thePublicValidateAcceptsConnectorsWithoutArns() {
    Map<String, String> errors = AwsConfig.validate(props(AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIA"));

    assertThat(errors).containsOnlyKeys(AwsConfig.ACCESS_KEY_ID_CONFIG);
  }
}
