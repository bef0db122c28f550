package io.kinesisbridge.sink.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One scaler per stream: the scaler claims its stream with a tag naming its connector and the time,
 * renewed at every check. A claim by another owner that is younger than {@code freshFor} holds this
 * scaler back; an older one is taken over (its owner stopped checking).
 */
final class StreamClaim {

  /** The tag key; its value is {@code <owner>@<epoch seconds>}. */
  static final String TAG = "kinesis-bridge-autoscaler";

  private static final int MAX_TAG_VALUE = 256;

  private final String owner;
  private final Duration freshFor;

  /**
   * @param owner who claims (the connector's name), unique among the stream's writers
   * @param freshFor how long a claim counts after its last renewal
   */
  StreamClaim(String owner, Duration freshFor) {
    // Tag values allow letters, digits, spaces and _ . : / = + - @ only.
    String shortened = owner.replaceAll("[^A-Za-z0-9 _.:/=+\\-@]", "_");
    this.owner =
        shortened.length() > MAX_TAG_VALUE - 20
            ? shortened.substring(0, MAX_TAG_VALUE - 20)
            : shortened;
    this.freshFor = freshFor;
  }

  /**
   * The other owner holding a fresh claim, or empty after renewing this scaler's own claim (unless
   * {@code renew} is false: a dry run changes nothing, not even a tag).
   *
   * @throws RuntimeException when the tags cannot be read or written (the caller holds back)
   */
  Optional<String> otherOwner(ScalingPort port, Instant now, boolean renew) {
    String current = port.tags().get(TAG);
    if (current != null) {
      int bar = current.lastIndexOf('@');
      String holder = bar < 0 ? current : current.substring(0, bar);
      Instant renewed = bar < 0 ? Instant.EPOCH : parseSeconds(current.substring(bar + 1));
      if (!holder.equals(owner) && renewed.plus(freshFor).isAfter(now)) {
        return Optional.of(holder);
      }
    }
    if (renew) {
      port.tag(TAG, owner + "@" + now.getEpochSecond());
    }
    return Optional.empty();
  }

  private static Instant parseSeconds(String text) {
    try {
      return Instant.ofEpochSecond(Long.parseLong(text.trim()));
    } catch (NumberFormatException e) {
      return Instant.EPOCH; // unreadable: treated as stale, so it is taken over
    }
  }
}
