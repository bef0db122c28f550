package io.kinesisbridge.common.aws;

import io.kinesisbridge.common.Version;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The client-level settings every SDK client of this bundle shares: retry strategy, timeouts and
 * user agent. Kept apart from {@link AwsClientFactory} so each piece can be tested on its own.
 */
public final class ClientSettings {

  /** The product token the user agent carries; AWS support can find our calls by it. */
  public static final String USER_AGENT_PRODUCT = "kinesis-bridge";

  private ClientSettings() {}

  /** {@code kinesis-bridge/<version>}, with {@code dev} outside a built jar. */
  public static String userAgent() {
    return USER_AGENT_PRODUCT + "/" + Version.current();
  }

  /**
   * The SDK's standard retry strategy (exponential backoff with jitter, AWS's retryable and
   * throttling conditions, retry quota) with our attempt count. Built only from the public {@code
   * retries.api} surface.
   *
   * @param maxAttempts attempts per API call, including the first; 1 disables SDK retries
   */
  public static RetryStrategy retryStrategy(int maxAttempts) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build();
  }

  /**
   * The override configuration for a client.
   *
   * @param settings the AWS group
   * @param callTimeouts whether to apply the API-call and attempt timeouts; off for long-lived
   *     event streams such as SubscribeToShard
   */
  public static ClientOverrideConfiguration overrides(AwsSettings settings, boolean callTimeouts) {
    ClientOverrideConfiguration.Builder builder =
        ClientOverrideConfiguration.builder()
            .retryStrategy(retryStrategy(settings.retryMaxAttempts()))
            .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, userAgent());
    if (callTimeouts) {
      builder
          .apiCallTimeout(settings.apiCallTimeout())
          .apiCallAttemptTimeout(settings.apiCallAttemptTimeout());
    }
    return builder.build();
  }
}
