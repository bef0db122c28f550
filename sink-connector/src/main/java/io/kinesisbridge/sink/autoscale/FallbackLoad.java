package io.kinesisbridge.sink.autoscale;

import io.kinesisbridge.common.aws.ValidationCalls;
import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * CloudWatch's measure while it is allowed, else the sink's own counters: when GetMetricData is
 * denied (no cloudwatch:GetMetricData in the policy), says so once and measures with the own
 * counters from then on. Other failures fail the check and the next one tries CloudWatch again.
 */
final class FallbackLoad implements WriteLoadSource {

  private static final Logger LOG = LoggerFactory.getLogger(FallbackLoad.class);

  private final WriteLoadSource preferred;
  private final WriteLoadSource fallback;
  private final String stream;
  private boolean fellBack;

  FallbackLoad(WriteLoadSource preferred, WriteLoadSource fallback, String stream) {
    this.preferred = preferred;
    this.fallback = fallback;
    this.stream = stream;
  }

  @Override
  public Optional<StreamLoadSample> sample(Instant now, int openShards) {
    if (fellBack) {
      return fallback.sample(now, openShards);
    }
    try {
      return preferred.sample(now, openShards);
    } catch (RuntimeException e) {
      ErrorClassification why = ErrorClassifier.classify(e);
      if (!ValidationCalls.accessDenied(why)) {
        throw e;
      }
      fellBack = true;
      LOG.warn(
          "Autoscaler for stream '{}': not allowed to read CloudWatch ({}); measuring {} from now"
              + " on. Allow cloudwatch:GetMetricData to count every writer of the stream.",
          stream,
          why.reason(),
          fallback.description());
      return fallback.sample(now, openShards);
    }
  }

  @Override
  public String description() {
    return fellBack
        ? fallback.description()
        : preferred.description() + ", else " + fallback.description();
  }
}
