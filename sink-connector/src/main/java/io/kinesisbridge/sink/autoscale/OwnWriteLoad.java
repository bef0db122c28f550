package io.kinesisbridge.sink.autoscale;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Load as the sink's own tasks on this worker wrote it ({@link StreamWriteMeter}): rates between
 * two readings. Blind to other writers of the stream and to this connector's tasks on other
 * workers, so it understates the load there; CloudWatch's stream metrics see every writer.
 */
public final class OwnWriteLoad implements WriteLoadSource {

  private final StreamWriteMeter meter;
  private StreamWriteMeter.Reading previous;
  private Instant previousTime;

  /** Load of the writes counted by {@code meter}. */
  public OwnWriteLoad(StreamWriteMeter meter) {
    this.meter = meter;
  }

  @Override
  public Optional<StreamLoadSample> sample(Instant now, int openShards) {
    StreamWriteMeter.Reading reading = meter.read();
    Optional<StreamLoadSample> sample = Optional.empty();
    if (previous != null && now.isAfter(previousTime)) {
      double seconds = Duration.between(previousTime, now).toNanos() / 1e9;
      List<ShardLoad> shards = reading.ratesSince(previous, seconds);
      double bytes = shards.stream().mapToDouble(ShardLoad::bytesPerSecond).sum();
      double records = shards.stream().mapToDouble(ShardLoad::recordsPerSecond).sum();
      double throttled = (reading.throttled() - previous.throttled()) / seconds;
      sample =
          Optional.of(new StreamLoadSample(now, openShards, bytes, records, throttled, shards));
    }
    previous = reading;
    previousTime = now;
    return sample;
  }

  @Override
  public String description() {
    return "the writes of this connector's tasks on this worker (the sink's own counters)";
  }
}
