package io.kinesisbridge.bench;

import java.util.Map;

/**
 * The in-process endpoint a scenario writes to (the Kinesis stub or the Firehose test endpoint),
 * seen the way {@link ScenarioRunner} needs it: one fresh stream per run, the Kafka records counted
 * so far, and what arrived once the run is over.
 */
interface Destination {

  /** Creates the stream or delivery stream {@code name} for one run. */
  void createStream(String name);

  /** The connector settings that point a connector at {@code name} on this endpoint. */
  Map<String, String> endpointSettings(String name);

  /** Kafka records received so far for {@code name} (user records inside aggregates included). */
  long received(String name);

  /**
   * Whether the run's records have begun to flow: the first record reached the endpoint or, for a
   * sink that buffers before sending (packing), its task took the first record. Starts the steady
   * interval.
   */
  default boolean flowing(String name, String connector) {
    return received(name) > 0;
  }

  /** CPU time the endpoint's handler threads have spent so far, all streams. */
  long handlerCpuNanos();

  /** Bytes the endpoint itself keeps on the heap for {@code name} (its delivery buffer). */
  long heldBytes(String name);

  /**
   * What arrived for {@code name}, once all records have; {@code connector} names the connector
   * whose own counters may be read (before it is deleted).
   */
  Delivered delivered(String name, String connector) throws InterruptedException;

  /** Frees what the run left in the endpoint, after its connector is gone. */
  void release(String name);
}
