package io.kinesisbridge.common.aws;

import io.kinesisbridge.common.config.ConfigValidators;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code AWS} config group every connector shares: region, endpoint override, credentials, STS
 * assume-role, SDK tuning and the HTTP proxy ({@link AwsProxyConfig}).
 *
 * <p>A connector's config class adds the group to its own ConfigDef with {@link #addTo(ConfigDef)},
 * reads the typed view with {@link AwsSettings#from(org.apache.kafka.common.config.AbstractConfig)}
 * and reports cross-field problems from its {@code validate()} with {@link #validate(Map,
 * Collection)}. Secrets are {@link Type#PASSWORD}, so Kafka masks them in its own logs and in the
 * REST API.
 */
public final class AwsConfig {

  /** The group name shown in UIs and in the rendered config reference. */
  public static final String GROUP = "AWS";

  public static final String REGION_CONFIG = "aws.region";
  public static final String REGION_DOC =
      "AWS region of the stream, e.g. us-east-1. Optional when a stream or delivery stream is"
          + " given by ARN (the region is taken from the ARN) or when the worker's environment"
          + " sets AWS_REGION.";

  public static final String ENDPOINT_URL_CONFIG = "aws.endpoint.url";
  public static final String ENDPOINT_URL_DOC =
      "Endpoint override for the Kinesis and Firehose clients: an absolute http:// or https:// URI"
          + " such as a VPC endpoint, a FIPS endpoint, LocalStack or kinesis-mock. Empty: the"
          + " SDK's regional endpoint.";

  public static final String ENDPOINT_TLS_TRUST_ALL_CONFIG = "aws.endpoint.tls.trust.all";
  public static final String ENDPOINT_TLS_TRUST_ALL_DOC =
      "TEST ONLY. Accept any TLS certificate from aws.endpoint.url, for emulators with"
          + " self-signed certificates. Only allowed together with aws.endpoint.url; never enable"
          + " it against real AWS endpoints.";
  public static final boolean ENDPOINT_TLS_TRUST_ALL_DEFAULT = false;

  public static final String CREDENTIALS_PROVIDER_CONFIG = "aws.credentials.provider";
  public static final String CREDENTIALS_PROVIDER_DOC =
      "Where the base credentials come from: 'default' (the SDK's default chain: environment,"
          + " system properties, web identity, profile, container and instance credentials),"
          + " 'static' (aws.access.key.id and aws.secret.access.key), 'profile' (aws.profile.name"
          + " from the shared AWS config files) or 'web-identity' (AWS_WEB_IDENTITY_TOKEN_FILE and"
          + " AWS_ROLE_ARN, as on EKS). aws.sts.role.arn can assume a role on top of any of them.";
  public static final String CREDENTIALS_PROVIDER_DEFAULT =
      CredentialsProviderType.DEFAULT.configValue();

  public static final String ACCESS_KEY_ID_CONFIG = "aws.access.key.id";
  public static final String ACCESS_KEY_ID_DOC =
      "Access key id for aws.credentials.provider=static.";

  public static final String SECRET_ACCESS_KEY_CONFIG = "aws.secret.access.key";
  public static final String SECRET_ACCESS_KEY_DOC =
      "Secret access key for aws.credentials.provider=static. Never logged.";

  public static final String SESSION_TOKEN_CONFIG = "aws.session.token";
  public static final String SESSION_TOKEN_DOC =
      "Optional session token for temporary static credentials. Never logged. Temporary"
          + " credentials expire and are not refreshed: prefer aws.sts.role.arn for long runs.";

  public static final String PROFILE_NAME_CONFIG = "aws.profile.name";
  public static final String PROFILE_NAME_DOC =
      "Profile for aws.credentials.provider=profile. Empty: AWS_PROFILE, else 'default'.";

  public static final String STS_ROLE_ARN_CONFIG = "aws.sts.role.arn";
  public static final String STS_ROLE_ARN_DOC =
      "IAM role to assume with STS on top of the base credentials, e.g."
          + " arn:aws:iam::123456789012:role/kinesis-writer. The assumed-role credentials are"
          + " refreshed before they expire.";

  public static final String STS_ROLE_EXTERNAL_ID_CONFIG = "aws.sts.role.external.id";
  public static final String STS_ROLE_EXTERNAL_ID_DOC =
      "External id the role's trust policy requires, if any. Only used with aws.sts.role.arn.";

  public static final String STS_ROLE_SESSION_NAME_CONFIG = "aws.sts.role.session.name";
  public static final String STS_ROLE_SESSION_NAME_DOC =
      "Session name of the assumed role, visible in CloudTrail: 2-64 letters, digits or"
          + " +=,.@_- characters.";
  public static final String STS_ROLE_SESSION_NAME_DEFAULT = "kinesis-bridge";

  public static final String STS_ENDPOINT_URL_CONFIG = "aws.sts.endpoint.url";
  public static final String STS_ENDPOINT_URL_DOC =
      "Endpoint override for STS when assuming a role. Empty: aws.endpoint.url if set (emulators"
          + " serve every service on one endpoint), else the regional STS endpoint. Set it when"
          + " aws.endpoint.url is a Kinesis- or Firehose-only endpoint such as a VPC endpoint.";

  public static final String API_CALL_TIMEOUT_MS_CONFIG = "aws.api.call.timeout.ms";
  public static final String API_CALL_TIMEOUT_MS_DOC =
      "Upper bound on one AWS API call including the SDK's own retries, in milliseconds."
          + " Long-lived enhanced fan-out subscriptions are exempt.";
  public static final long API_CALL_TIMEOUT_MS_DEFAULT = 30_000L;

  public static final String API_CALL_ATTEMPT_TIMEOUT_MS_CONFIG = "aws.api.call.attempt.timeout.ms";
  public static final String API_CALL_ATTEMPT_TIMEOUT_MS_DOC =
      "Upper bound on a single HTTP attempt of an AWS API call, in milliseconds. Must not exceed"
          + " aws.api.call.timeout.ms.";
  public static final long API_CALL_ATTEMPT_TIMEOUT_MS_DEFAULT = 10_000L;

  public static final String RETRY_MAX_ATTEMPTS_CONFIG = "aws.retry.max.attempts";
  public static final String RETRY_MAX_ATTEMPTS_DOC =
      "Attempts the SDK makes per API call (1 = no SDK retry) with its standard backoff, before"
          + " the connector's own retry and delivery timeout take over.";
  public static final int RETRY_MAX_ATTEMPTS_DEFAULT = 3;

  /** Characters AWS allows in a role session name, and its length limits. */
  static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

  /** Characters AWS allows in an external id, and its length limits. */
  static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

  private AwsConfig() {}

  /** A new ConfigDef holding only the AWS group; handy for tests and for parsing originals. */
  public static ConfigDef configDef() {
    return addTo(new ConfigDef());
  }

  /**
   * Adds the AWS group to a connector's ConfigDef.
   *
   * @param def the connector's ConfigDef; must not define any {@code aws.*} key yet
   * @return {@code def}, for chaining
   */
  public static ConfigDef addTo(ConfigDef def) {
    addEndpointKeys(def);
    addCredentialsProviderKeys(def);
    addStaticCredentialKeys(def);
    addAssumeRoleKeys(def);
    addStsEndpointKey(def);
    addTuningKeys(def);
    AwsProxyConfig.addTo(def);
    return def;
  }

  /**
   * Cross-field checks of the AWS group, in plain words, keyed by the config key to blame.
   * Single-key checks (types, value lists, URI shape) are already done by the ConfigDef.
   *
   * @param props the raw connector config
   * @param regionSourceArns stream or delivery-stream ARNs the connector was given; any of them can
   *     supply the region when {@code aws.region} is empty. Malformed ARNs are the connector's to
   *     report and are ignored here.
   * @return one message per key at fault; empty when the group is consistent
   */
  public static Map<String, String> validate(
      Map<String, String> props, Collection<String> regionSourceArns) {
    return new AwsConfigValidation(props, regionSourceArns, AwsRegions::fromEnvironment).run();
  }

  /** {@link #validate(Map, Collection)} for connectors that take no ARNs. */
  public static Map<String, String> validate(Map<String, String> props) {
    return validate(props, List.of());
  }

  private static void addEndpointKeys(ConfigDef def) {
    def.define(
        REGION_CONFIG,
        Type.STRING,
        null,
        ConfigValidators.matching(AwsArn.REGION, "a region name such as us-east-1"),
        Importance.HIGH,
        REGION_DOC,
        GROUP,
        1,
        Width.SHORT,
        "AWS region");
    def.define(
        ENDPOINT_URL_CONFIG,
        Type.STRING,
        null,
        ConfigValidators.httpUri(),
        Importance.MEDIUM,
        ENDPOINT_URL_DOC,
        GROUP,
        2,
        Width.LONG,
        "Endpoint override URL");
    def.define(
        ENDPOINT_TLS_TRUST_ALL_CONFIG,
        Type.BOOLEAN,
        ENDPOINT_TLS_TRUST_ALL_DEFAULT,
        Importance.LOW,
        ENDPOINT_TLS_TRUST_ALL_DOC,
        GROUP,
        3,
        Width.SHORT,
        "Trust all TLS certificates (test only)");
  }

  private static void addCredentialsProviderKeys(ConfigDef def) {
    List<String> providers = CredentialsProviderType.configValues();
    def.define(
        CREDENTIALS_PROVIDER_CONFIG,
        Type.STRING,
        CREDENTIALS_PROVIDER_DEFAULT,
        ConfigValidators.oneOf(providers),
        Importance.HIGH,
        CREDENTIALS_PROVIDER_DOC,
        GROUP,
        4,
        Width.SHORT,
        "Credentials provider",
        ConfigValidators.recommend(providers));
    def.define(
        PROFILE_NAME_CONFIG,
        Type.STRING,
        null,
        Importance.LOW,
        PROFILE_NAME_DOC,
        GROUP,
        5,
        Width.SHORT,
        "Profile name");
  }

  private static void addStaticCredentialKeys(ConfigDef def) {
    def.define(
        ACCESS_KEY_ID_CONFIG,
        Type.STRING,
        null,
        Importance.HIGH,
        ACCESS_KEY_ID_DOC,
        GROUP,
        6,
        Width.MEDIUM,
        "Access key id");
    def.define(
        SECRET_ACCESS_KEY_CONFIG,
        Type.PASSWORD,
        null,
        Importance.HIGH,
        SECRET_ACCESS_KEY_DOC,
        GROUP,
        7,
        Width.MEDIUM,
        "Secret access key");
    def.define(
        SESSION_TOKEN_CONFIG,
        Type.PASSWORD,
        null,
        Importance.LOW,
        SESSION_TOKEN_DOC,
        GROUP,
        8,
        Width.LONG,
        "Session token");
  }

  private static void addAssumeRoleKeys(ConfigDef def) {
    def.define(
        STS_ROLE_ARN_CONFIG,
        Type.STRING,
        null,
        Importance.MEDIUM,
        STS_ROLE_ARN_DOC,
        GROUP,
        9,
        Width.LONG,
        "Role ARN to assume");
    def.define(
        STS_ROLE_EXTERNAL_ID_CONFIG,
        Type.STRING,
        null,
        ConfigValidators.matching(EXTERNAL_ID, "2-1224 letters, digits or +=,.@:/_- characters"),
        Importance.LOW,
        STS_ROLE_EXTERNAL_ID_DOC,
        GROUP,
        10,
        Width.MEDIUM,
        "Role external id");
    def.define(
        STS_ROLE_SESSION_NAME_CONFIG,
        Type.STRING,
        STS_ROLE_SESSION_NAME_DEFAULT,
        ConfigValidators.matching(SESSION_NAME, "2-64 letters, digits or +=,.@_- characters"),
        Importance.LOW,
        STS_ROLE_SESSION_NAME_DOC,
        GROUP,
        11,
        Width.MEDIUM,
        "Role session name");
  }

  private static void addStsEndpointKey(ConfigDef def) {
    def.define(
        STS_ENDPOINT_URL_CONFIG,
        Type.STRING,
        null,
        ConfigValidators.httpUri(),
        Importance.LOW,
        STS_ENDPOINT_URL_DOC,
        GROUP,
        12,
        Width.LONG,
        "STS endpoint override URL");
  }

  private static void addTuningKeys(ConfigDef def) {
    def.define(
        API_CALL_TIMEOUT_MS_CONFIG,
        Type.LONG,
        API_CALL_TIMEOUT_MS_DEFAULT,
        ConfigDef.Range.atLeast(1),
        Importance.LOW,
        API_CALL_TIMEOUT_MS_DOC,
        GROUP,
        13,
        Width.SHORT,
        "API call timeout (ms)");
    def.define(
        API_CALL_ATTEMPT_TIMEOUT_MS_CONFIG,
        Type.LONG,
        API_CALL_ATTEMPT_TIMEOUT_MS_DEFAULT,
        ConfigDef.Range.atLeast(1),
        Importance.LOW,
        API_CALL_ATTEMPT_TIMEOUT_MS_DOC,
        GROUP,
        14,
        Width.SHORT,
        "API call attempt timeout (ms)");
    def.define(
        RETRY_MAX_ATTEMPTS_CONFIG,
        Type.INT,
        RETRY_MAX_ATTEMPTS_DEFAULT,
        ConfigDef.Range.between(1, 20),
        Importance.LOW,
        RETRY_MAX_ATTEMPTS_DOC,
        GROUP,
        15,
        Width.SHORT,
        "SDK max attempts");
  }
}
