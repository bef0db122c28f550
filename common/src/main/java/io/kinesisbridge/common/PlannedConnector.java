package io.kinesisbridge.common;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * The refusal a connector gives while its data path is not built yet. The class is on the plugin
 * path so that workers list it and validate its AWS settings, but creating it must fail loudly
 * rather than accept records it cannot move.
 */
public final class PlannedConnector {

  private PlannedConnector() {}

  /**
   * The exception to throw from {@code start}.
   *
   * @param connector human name, e.g. "Kinesis sink"
   * @param issue the tracker issue that delivers it
   */
  public static ConnectException notAvailable(String connector, int issue) {
    return new ConnectException(
        "The "
            + connector
            + " connector is not available in kinesis-bridge "
            + Version.current()
            + ": its data path is still being built (issue #"
            + issue
            + "). Nothing was read or written.");
  }
}
