package io.kinesisbridge.sink;

import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.sink.autoscale.AutoscaleConfig;
import io.kinesisbridge.sink.autoscale.ScalingPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

import java.util.Map;
import java.util.Optional;

/**
 * The validate-time checks of the autoscaling settings against the stream and the account: an
 * on-demand stream, which Kinesis scales itself, and a maximum above the account's shard limit.
 */
final class AutoscaleCheck {

  private static final Logger LOG = LoggerFactory.getLogger(AutoscaleCheck.class);

  private AutoscaleCheck() {}

  /** A (key, message) to report, or empty. */
  static Optional<Map.Entry<String, String>> check(
      KinesisClient kinesis,
      StreamRef stream,
      StreamDescriptionSummary summary,
      ScalingPolicy policy) {
    if (summary.streamModeDetails() != null
        && summary.streamModeDetails().streamMode() == StreamMode.ON_DEMAND) {
      return Optional.of(
          Map.entry(
              AutoscaleConfig.ENABLED_CONFIG,
              "Stream '"
                  + stream
                  + "' is in on-demand mode, where Kinesis sets the capacity itself: there is"
                  + " nothing to scale. Turn kinesis.autoscale.enabled off, or switch the stream"
                  + " to provisioned mode."));
    }
    try {
      Integer limit = kinesis.describeLimits(b -> {}).shardLimit();
      if (limit != null && policy.maxShards() > limit) {
        return Optional.of(
            Map.entry(
                AutoscaleConfig.MAX_SHARDS_CONFIG,
                "kinesis.autoscale.max.shards ("
                    + policy.maxShards()
                    + ") is above this account's shard limit in the region ("
                    + limit
                    + "): lower it, or ask AWS for a higher limit."));
      }
    } catch (RuntimeException e) {
      // Without kinesis:DescribeLimits the limit stays unknown; Kinesis refuses a change past it.
      LOG.info("Could not read the account's shard limit during validation: {}", e.toString());
    }
    return Optional.empty();
  }
}
