package io.kinesisbridge.common.aws;

import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the connectors' validate-time checks against AWS share: the settings for a quick call, and
 * which failures are worth reporting. A check reports a missing resource, refused permissions or an
 * HTTP proxy that refused the proxy credentials; any other failure (no network, no credentials
 * where the validator runs) stays silent, so that validation never fails on the validator's
 * environment.
 */
public final class ValidationCalls {

  private ValidationCalls() {}

  /** The same settings with one short attempt: validation must answer within seconds. */
  public static Map<String, String> quick(Map<String, String> props) {
    Map<String, String> copy = new HashMap<>(props);
    copy.put(AwsConfig.API_CALL_TIMEOUT_MS_CONFIG, "5000");
    copy.put(AwsConfig.API_CALL_ATTEMPT_TIMEOUT_MS_CONFIG, "5000");
    copy.put(AwsConfig.RETRY_MAX_ATTEMPTS_CONFIG, "1");
    return copy;
  }

  /** Whether AWS refused the call for lack of permission, which validation reports. */
  public static boolean accessDenied(ErrorClassification why) {
    return why.isFatal() && why.code() != null && why.code().contains("AccessDenied");
  }

  /**
   * The (key, message) to report when the HTTP proxy refused the call for lack of valid proxy
   * credentials: against {@code aws.proxy.password} when a user name is configured, else against
   * {@code aws.proxy.username}, which the proxy wants. Empty for any other failure.
   */
  public static Optional<Map.Entry<String, String>> proxyRefusal(
      ErrorClassification why, Map<String, String> props) {
    if (!ErrorClassifier.PROXY_AUTHENTICATION_REQUIRED.equals(why.code())) {
      return Optional.empty();
    }
    String username = props.get(AwsProxyConfig.PROXY_USERNAME_CONFIG);
    String key =
        username == null || username.isBlank()
            ? AwsProxyConfig.PROXY_USERNAME_CONFIG
            : AwsProxyConfig.PROXY_PASSWORD_CONFIG;
    return Optional.of(Map.entry(key, why.reason()));
  }
}
