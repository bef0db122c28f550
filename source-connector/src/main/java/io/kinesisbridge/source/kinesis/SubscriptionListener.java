package io.kinesisbridge.source.kinesis;

/** Receives what a subscription delivers, on an SDK thread. Implementations must not block. */
public interface SubscriptionListener {

  /** An event arrived (only as many as were requested). */
  void onEvent(FanOutEvent event);

  /**
   * The subscription ended: normally after its five minutes when {@code error} is null, else with
   * the error (throttling, ResourceInUse, a dropped connection, ...).
   */
  void onEnd(Throwable error);
}
