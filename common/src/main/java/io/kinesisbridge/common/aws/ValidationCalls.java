package io.kinesisbridge.common.aws;

import io.kinesisbridge.common.errors.ErrorClassification;

import java.util.HashMap;
import java.util.Map;

/**
 * What the connectors' validate-time checks against AWS share: the settings for a quick call, and
 * which failures are worth reporting. A check reports a missing resource or refused permissions;
 * any other failure (no network, no credentials where the validator runs) stays silent, so that
 * validation never fails on the validator's environment.
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
}
