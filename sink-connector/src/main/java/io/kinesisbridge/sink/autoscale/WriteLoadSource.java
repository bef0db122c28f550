package io.kinesisbridge.sink.autoscale;

import java.time.Instant;
import java.util.Optional;

/** Where the scaler's load samples come from. Called by the scaler's thread only. */
public interface WriteLoadSource {

  /**
   * The load over the period since the previous call, ending at {@code now}; empty when there is
   * nothing to measure yet (the first call) or the measure failed.
   */
  Optional<StreamLoadSample> sample(Instant now, int openShards);

  /** What it measures, for the log: e.g. "this worker's sink tasks' own writes". */
  String description();
}
