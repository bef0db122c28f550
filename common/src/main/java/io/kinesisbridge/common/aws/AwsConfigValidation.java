package io.kinesisbridge.common.aws;

import software.amazon.awssdk.regions.Region;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static io.kinesisbridge.common.aws.AwsConfig.ACCESS_KEY_ID_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.API_CALL_ATTEMPT_TIMEOUT_MS_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.API_CALL_TIMEOUT_MS_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.CREDENTIALS_PROVIDER_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.ENDPOINT_TLS_TRUST_ALL_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.ENDPOINT_URL_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.PROFILE_NAME_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.REGION_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.SECRET_ACCESS_KEY_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.SESSION_TOKEN_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.STS_ENDPOINT_URL_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.STS_ROLE_ARN_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.STS_ROLE_EXTERNAL_ID_CONFIG;
import static io.kinesisbridge.common.aws.AwsConfig.STS_ROLE_SESSION_NAME_CONFIG;

/**
 * The cross-field rules behind {@link AwsConfig#validate}: one run over one set of properties.
 * Single-key rules live in the ConfigDef's validators, so nothing is reported twice.
 */
final class AwsConfigValidation {

  private final Map<String, String> props;
  private final Collection<String> regionSourceArns;
  private final Supplier<Optional<Region>> environmentRegion;
  private final Map<String, String> errors = new LinkedHashMap<>();

  AwsConfigValidation(
      Map<String, String> props,
      Collection<String> regionSourceArns,
      Supplier<Optional<Region>> environmentRegion) {
    this.props = props;
    this.regionSourceArns = List.copyOf(regionSourceArns);
    this.environmentRegion = environmentRegion;
  }

  Map<String, String> run() {
    checkCredentials();
    checkAssumeRole();
    checkRegion();
    checkEndpoint();
    checkTimeouts();
    AwsProxyConfig.validate(props, this::error);
    return Map.copyOf(errors);
  }

  private void checkCredentials() {
    CredentialsProviderType type;
    try {
      type = CredentialsProviderType.fromConfigValue(value(CREDENTIALS_PROVIDER_CONFIG));
    } catch (IllegalArgumentException unknown) {
      return; // the ConfigDef's validator already lists the valid values
    }
    if (type == CredentialsProviderType.STATIC) {
      requireForStatic(ACCESS_KEY_ID_CONFIG);
      requireForStatic(SECRET_ACCESS_KEY_CONFIG);
    } else {
      // A key id set next to another provider is usually a forgotten provider=static; ignoring it
      // silently would run with different credentials than the user believes.
      for (String key :
          List.of(ACCESS_KEY_ID_CONFIG, SECRET_ACCESS_KEY_CONFIG, SESSION_TOKEN_CONFIG)) {
        onlyWith(key, type, CredentialsProviderType.STATIC);
      }
    }
    if (type != CredentialsProviderType.PROFILE) {
      onlyWith(PROFILE_NAME_CONFIG, type, CredentialsProviderType.PROFILE);
    }
  }

  private void requireForStatic(String key) {
    if (!isSet(key)) {
      error(key, "is required when " + CREDENTIALS_PROVIDER_CONFIG + " is 'static'");
    }
  }

  private void onlyWith(
      String key, CredentialsProviderType actual, CredentialsProviderType needed) {
    if (isSet(key)) {
      error(
          key,
          "is only used when "
              + CREDENTIALS_PROVIDER_CONFIG
              + " is '"
              + needed.configValue()
              + "', but it is '"
              + actual.configValue()
              + "': set "
              + CREDENTIALS_PROVIDER_CONFIG
              + "="
              + needed.configValue()
              + " or remove "
              + key);
    }
  }

  private void checkAssumeRole() {
    if (!isSet(STS_ROLE_ARN_CONFIG)) {
      for (String key :
          List.of(
              STS_ROLE_EXTERNAL_ID_CONFIG, STS_ROLE_SESSION_NAME_CONFIG, STS_ENDPOINT_URL_CONFIG)) {
        if (isSet(key)) {
          error(key, "is only used together with " + STS_ROLE_ARN_CONFIG + ", which is not set");
        }
      }
      return;
    }
    try {
      AwsArn.parseIamRole(value(STS_ROLE_ARN_CONFIG));
    } catch (IllegalArgumentException e) {
      error(
          STS_ROLE_ARN_CONFIG,
          "must be an IAM role ARN such as"
              + " arn:aws:iam::123456789012:role/kinesis-writer. "
              + e.getMessage());
    }
  }

  private void checkRegion() {
    String configured = value(REGION_CONFIG);
    if (configured != null) {
      if (AwsArn.REGION.matcher(configured).matches()) {
        checkArnRegionsMatch(Region.of(configured));
      }
      return; // a malformed region is reported by the ConfigDef's validator
    }
    checkArnsShareOneRegion();
    if (AwsRegions.fromArns(regionSourceArns).isEmpty() && environmentRegion.get().isEmpty()) {
      error(
          REGION_CONFIG,
          "is not set and cannot be derived: no stream ARN names a region and"
              + " the worker sets no AWS_REGION. Set "
              + REGION_CONFIG
              + ", e.g. us-east-1");
    }
  }

  /** One connector builds its clients for one region, so its ARNs must all name that region. */
  private void checkArnsShareOneRegion() {
    Optional<Region> first = AwsRegions.fromArns(regionSourceArns);
    if (first.isEmpty()) {
      return;
    }
    arnOutside(first.get())
        .ifPresent(
            arn ->
                error(
                    REGION_CONFIG,
                    "is not set, and the ARNs name more than one region: "
                        + firstArnIn(first.get())
                        + " is in "
                        + first.get().id()
                        + " but "
                        + arn
                        + " is in "
                        + AwsArn.parse(arn).region()
                        + ". One connector reaches one region: run one connector per region"));
  }

  private void checkArnRegionsMatch(Region configured) {
    arnOutside(configured)
        .ifPresent(
            arn ->
                error(
                    REGION_CONFIG,
                    "is "
                        + configured.id()
                        + " but "
                        + arn
                        + " is in "
                        + AwsArn.parse(arn).region()
                        + "; use the ARN's region or remove "
                        + REGION_CONFIG
                        + " (one connector reaches one region)"));
  }

  /** The first well-formed ARN whose region is not {@code region}. */
  private Optional<String> arnOutside(Region region) {
    return regionSourceArns.stream()
        .map(String::trim)
        .filter(arn -> AwsRegions.fromArns(List.of(arn)).filter(r -> !r.equals(region)).isPresent())
        .findFirst();
  }

  private String firstArnIn(Region region) {
    return regionSourceArns.stream()
        .map(String::trim)
        .filter(arn -> AwsRegions.fromArns(List.of(arn)).filter(region::equals).isPresent())
        .findFirst()
        .orElseThrow();
  }

  private void checkEndpoint() {
    boolean trustAll = "true".equalsIgnoreCase(value(ENDPOINT_TLS_TRUST_ALL_CONFIG));
    if (trustAll && !isSet(ENDPOINT_URL_CONFIG)) {
      // Refusing this keeps certificate checks on against real AWS endpoints, whatever the config.
      error(
          ENDPOINT_TLS_TRUST_ALL_CONFIG,
          "is a test-only switch for emulators and needs "
              + ENDPOINT_URL_CONFIG
              + "; it is never allowed against the default AWS endpoints");
    }
  }

  private void checkTimeouts() {
    Long call = longValue(API_CALL_TIMEOUT_MS_CONFIG, AwsConfig.API_CALL_TIMEOUT_MS_DEFAULT);
    Long attempt =
        longValue(
            API_CALL_ATTEMPT_TIMEOUT_MS_CONFIG, AwsConfig.API_CALL_ATTEMPT_TIMEOUT_MS_DEFAULT);
    if (call != null && attempt != null && attempt > call) {
      error(
          API_CALL_ATTEMPT_TIMEOUT_MS_CONFIG,
          "is "
              + attempt
              + " ms, longer than "
              + API_CALL_TIMEOUT_MS_CONFIG
              + " ("
              + call
              + " ms), so no attempt could ever use it all;"
              + " make it at most "
              + call);
    }
  }

  private Long longValue(String key, long defaultValue) {
    String text = value(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notANumber) {
      return null; // the ConfigDef reports the type error
    }
  }

  private boolean isSet(String key) {
    return value(key) != null;
  }

  private String value(String key) {
    String raw = props.get(key);
    return raw == null || raw.isBlank() ? null : raw.trim();
  }

  private void error(String key, String message) {
    errors.merge(key, key + " " + message, (first, second) -> first + " " + second);
  }
}
