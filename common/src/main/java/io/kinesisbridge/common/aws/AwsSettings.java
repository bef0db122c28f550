package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The typed, immutable view of the {@link AwsConfig} group that {@link AwsClientFactory} builds
 * clients from.
 *
 * <p>Blank strings count as unset. Secrets stay wrapped in Kafka's {@link Password} and are only
 * reachable from this package, so no connector code can log them by accident; {@link #toString()}
 * shows {@code [hidden]} in their place.
 */
public final class AwsSettings {

  private final Map<String, Object> parsed;
  private final Region region;

  private AwsSettings(Map<String, ?> parsed, Region region) {
    this.parsed = withoutNulls(parsed);
    this.region = region;
  }

  /**
   * Reads the AWS group from a connector's parsed config.
   *
   * @throws ConfigException when the config's ConfigDef lacks the AWS group
   */
  public static AwsSettings from(AbstractConfig config) {
    Map<String, ?> values = config.values();
    if (!values.containsKey(AwsConfig.CREDENTIALS_PROVIDER_CONFIG)) {
      throw new ConfigException(
          "The connector's ConfigDef has no AWS group: add it with AwsConfig.addTo(ConfigDef)");
    }
    return of(values);
  }

  /**
   * Parses the AWS group out of raw connector properties; other keys are ignored.
   *
   * @throws ConfigException naming the key whose value is malformed
   */
  public static AwsSettings from(Map<String, ?> originals) {
    return of(AwsConfig.configDef().parse(originals));
  }

  private static AwsSettings of(Map<String, ?> values) {
    String region = text(values.get(AwsConfig.REGION_CONFIG));
    return new AwsSettings(values, region == null ? null : Region.of(region));
  }

  /** The configured region; empty when it must come from an ARN or the environment. */
  public Optional<Region> region() {
    return Optional.ofNullable(region);
  }

  /** A copy with {@code region} in place of the configured one. */
  public AwsSettings withRegion(Region region) {
    return new AwsSettings(parsed, region);
  }

  /**
   * A copy whose region is taken from {@code arn} when none is configured; unchanged otherwise. An
   * explicitly configured region always wins ({@link AwsConfig#validate} reports a mismatch).
   *
   * @throws IllegalArgumentException when the region is unset and {@code arn} is malformed
   */
  public AwsSettings withRegionFromArn(String arn) {
    if (region != null || arn == null || arn.isBlank()) {
      return this;
    }
    return withRegion(AwsArn.parse(arn).awsRegion());
  }

  /** The endpoint override for Kinesis and Firehose clients, if any. */
  public Optional<URI> endpointOverride() {
    return uri(AwsConfig.ENDPOINT_URL_CONFIG);
  }

  /** The endpoint for STS: its own override, else the service endpoint override, else none. */
  public Optional<URI> stsEndpointOverride() {
    return uri(AwsConfig.STS_ENDPOINT_URL_CONFIG).or(this::endpointOverride);
  }

  /** Whether TLS certificates of the endpoint override are not verified (test emulators only). */
  public boolean trustAllCertificates() {
    return Boolean.TRUE.equals(parsed.get(AwsConfig.ENDPOINT_TLS_TRUST_ALL_CONFIG));
  }

  /** Where the base credentials come from. */
  public CredentialsProviderType credentialsProviderType() {
    return CredentialsProviderType.fromConfigValue(
        text(parsed.get(AwsConfig.CREDENTIALS_PROVIDER_CONFIG)));
  }

  /** The access key id for static credentials; not a secret on its own. */
  public Optional<String> accessKeyId() {
    return Optional.ofNullable(text(parsed.get(AwsConfig.ACCESS_KEY_ID_CONFIG)));
  }

  /** The profile name for profile credentials. */
  public Optional<String> profileName() {
    return Optional.ofNullable(text(parsed.get(AwsConfig.PROFILE_NAME_CONFIG)));
  }

  /** The role to assume on top of the base credentials, if any. */
  public Optional<AssumeRole> assumeRole() {
    String roleArn = text(parsed.get(AwsConfig.STS_ROLE_ARN_CONFIG));
    if (roleArn == null) {
      return Optional.empty();
    }
    String sessionName = text(parsed.get(AwsConfig.STS_ROLE_SESSION_NAME_CONFIG));
    return Optional.of(
        new AssumeRole(
            roleArn,
            text(parsed.get(AwsConfig.STS_ROLE_EXTERNAL_ID_CONFIG)),
            sessionName == null ? AwsConfig.STS_ROLE_SESSION_NAME_DEFAULT : sessionName));
  }

  /** The HTTP proxy every client connects through, if {@code aws.proxy.url} is set. */
  public Optional<ProxySettings> proxy() {
    return ProxySettings.from(parsed);
  }

  /** Upper bound on one API call including SDK retries. */
  public Duration apiCallTimeout() {
    return Duration.ofMillis(number(AwsConfig.API_CALL_TIMEOUT_MS_CONFIG).longValue());
  }

  /** Upper bound on one HTTP attempt of an API call. */
  public Duration apiCallAttemptTimeout() {
    return Duration.ofMillis(number(AwsConfig.API_CALL_ATTEMPT_TIMEOUT_MS_CONFIG).longValue());
  }

  /** SDK attempts per API call, at least 1. */
  public int retryMaxAttempts() {
    return number(AwsConfig.RETRY_MAX_ATTEMPTS_CONFIG).intValue();
  }

  /** The secret access key; package-private so that only the credentials code can read it. */
  Optional<Password> secretAccessKey() {
    return password(AwsConfig.SECRET_ACCESS_KEY_CONFIG);
  }

  /** The session token; package-private so that only the credentials code can read it. */
  Optional<Password> sessionToken() {
    return password(AwsConfig.SESSION_TOKEN_CONFIG);
  }

  /** Every setting, with secrets and the external id shown as {@code [hidden]}. */
  @Override
  public String toString() {
    return "AwsSettings{region="
        + region().map(Region::id).orElse("<unset>")
        + ", endpointOverride="
        + endpointOverride().map(URI::toString).orElse("<none>")
        + ", trustAllCertificates="
        + trustAllCertificates()
        + ", credentialsProvider="
        + credentialsProviderType().configValue()
        + ", accessKeyId="
        + accessKeyId().map(AwsSettings::lastFour).orElse("<unset>")
        + ", secretAccessKey="
        + secretAccessKey().map(p -> Password.HIDDEN).orElse("<unset>")
        + ", sessionToken="
        + sessionToken().map(p -> Password.HIDDEN).orElse("<unset>")
        + ", profileName="
        + profileName().orElse("<unset>")
        + ", assumeRole="
        + assumeRole().map(AssumeRole::toString).orElse("<none>")
        + ", stsEndpointOverride="
        + stsEndpointOverride().map(URI::toString).orElse("<none>")
        + ", apiCallTimeout="
        + apiCallTimeout()
        + ", apiCallAttemptTimeout="
        + apiCallAttemptTimeout()
        + ", retryMaxAttempts="
        + retryMaxAttempts()
        + ", proxy="
        + proxy().map(ProxySettings::toString).orElse("<none>")
        + "}";
  }

  /** Enough of a key id to tell keys apart in logs, without printing it whole. */
  private static String lastFour(String keyId) {
    return keyId.length() <= 4 ? "****" : "****" + keyId.substring(keyId.length() - 4);
  }

  private Optional<URI> uri(String key) {
    return Optional.ofNullable(text(parsed.get(key))).map(URI::create);
  }

  private Optional<Password> password(String key) {
    Object value = parsed.get(key);
    if (value instanceof Password password && !password.value().isBlank()) {
      return Optional.of(password);
    }
    return Optional.empty();
  }

  private Number number(String key) {
    Object value = parsed.get(key);
    if (value instanceof Number number) {
      return number;
    }
    throw new ConfigException(key, value, "is not a number");
  }

  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.toString().trim();
    return trimmed.isEmpty() ? null : trimmed;
  }

  private static Map<String, Object> withoutNulls(Map<String, ?> values) {
    Map<String, Object> copy = new HashMap<>();
    values.forEach(
        (key, value) -> {
          if (key.startsWith("aws.") && value != null) {
            copy.put(key, value);
          }
        });
    return Map.copyOf(copy);
  }

  /**
   * An STS role to assume.
   *
   * @param roleArn the IAM role ARN
   * @param externalId the external id the trust policy requires, or {@code null}
   * @param sessionName the role session name, shown in CloudTrail
   */
  public record AssumeRole(String roleArn, String externalId, String sessionName) {

    /** The external id, if any. */
    public Optional<String> externalIdIfSet() {
      return Optional.ofNullable(externalId);
    }

    /** The role and session; the external id is hidden because it guards the trust policy. */
    @Override
    public String toString() {
      return "AssumeRole{roleArn="
          + roleArn
          + ", externalId="
          + (externalId == null ? "<unset>" : Password.HIDDEN)
          + ", sessionName="
          + sessionName
          + "}";
    }
  }
}
