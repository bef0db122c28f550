package io.kinesisbridge.common.sink;

import org.apache.kafka.common.config.AbstractConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The typed values of the keys {@link DeliveryConfigDefs} defines, read from a parsed config under
 * one prefix, and the pipeline settings they imply.
 *
 * @param prefix the key prefix, with its dot
 * @param linger how long a partly filled batch may wait
 * @param maxInFlightRequests most requests outstanding per destination
 * @param bufferMaxBytes most unacknowledged bytes before the task pauses
 * @param deliveryTimeout how long a record may take, retries included
 * @param retryBackoff first wait before a resend
 * @param retryBackoffMax longest wait before a resend
 * @param failOnNullValues whether null values are bad records rather than skipped
 */
public record DeliverySettings(
    String prefix,
    Duration linger,
    int maxInFlightRequests,
    long bufferMaxBytes,
    Duration deliveryTimeout,
    Duration retryBackoff,
    Duration retryBackoffMax,
    boolean failOnNullValues) {

  /** Reads the delivery keys under {@code prefix} from {@code config}. */
  public static DeliverySettings from(AbstractConfig config, String prefix) {
    String nulls = config.getString(prefix + DeliveryConfigDefs.NULL_VALUE_BEHAVIOR);
    return new DeliverySettings(
        prefix,
        millis(config, prefix + DeliveryConfigDefs.LINGER_MS),
        config.getInt(prefix + DeliveryConfigDefs.MAX_IN_FLIGHT),
        config.getLong(prefix + DeliveryConfigDefs.BUFFER_MAX_BYTES),
        millis(config, prefix + DeliveryConfigDefs.DELIVERY_TIMEOUT_MS),
        millis(config, prefix + DeliveryConfigDefs.RETRY_BACKOFF_MS),
        millis(config, prefix + DeliveryConfigDefs.RETRY_BACKOFF_MAX_MS),
        "fail".equals(nulls.trim().toLowerCase(Locale.ROOT)));
  }

  private static Duration millis(AbstractConfig config, String key) {
    return Duration.ofMillis(config.getLong(key));
  }

  /**
   * A pipeline settings builder with linger, requests in flight, timeout, backoff and buffer
   * watermarks set; the sink adds its name, request limits and ordering.
   */
  public PipelineSettings.Builder pipelineSettings() {
    return PipelineSettings.builder()
        .maxInFlightRequests(maxInFlightRequests)
        .linger(linger)
        .deliveryTimeout(deliveryTimeout)
        .backoff(retryBackoff, retryBackoffMax)
        // Resuming at half the bound keeps the task from pausing and resuming at every put().
        .bufferHighWatermarkBytes(bufferMaxBytes)
        .bufferLowWatermarkBytes(bufferMaxBytes / 2);
  }

  /**
   * The problems between keys that no single key's validator sees, by key: a first backoff above
   * the longest, and a delivery timeout too short for any retry.
   */
  public Map<String, String> crossKeyProblems() {
    Map<String, String> problems = new LinkedHashMap<>();
    String backoff = prefix + DeliveryConfigDefs.RETRY_BACKOFF_MS;
    String backoffMax = prefix + DeliveryConfigDefs.RETRY_BACKOFF_MAX_MS;
    String timeout = prefix + DeliveryConfigDefs.DELIVERY_TIMEOUT_MS;
    if (retryBackoff.compareTo(retryBackoffMax) > 0) {
      problems.put(backoff, backoff + " must not exceed " + backoffMax + ".");
    }
    if (deliveryTimeout.compareTo(retryBackoffMax) < 0) {
      problems.put(
          timeout, timeout + " must be at least " + backoffMax + ", or no retry could happen.");
    }
    return problems;
  }
}
