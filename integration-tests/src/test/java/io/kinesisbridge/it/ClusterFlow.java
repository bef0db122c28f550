package io.kinesisbridge.it;

import io.kinesisbridge.it.ContinuousProducer.Sent;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One connector of {@link ConnectClusterIT} and the records it carries: its configuration for a
 * given {@code tasks.max}, a load written throughout the run, how far records have moved, and the
 * audit of where every record ended up.
 */
interface ClusterFlow {

  /** The connector's name, which also names the flow in the log. */
  String connector();

  /** The connector's configuration with {@code tasks} tasks. */
  Map<String, String> config(int tasks);

  /** {@code tasks.max} at the start, and again after the change back. */
  int tasks();

  /** {@code tasks.max} after the change through REST. */
  int tasksAfterChange();

  /** Starts writing the records the connector is to carry. */
  void startLoad();

  /** Records carried downstream so far: a count that only grows. */
  long moved();

  /** How many more records must be carried after an event before the next event begins. */
  long movedPerEvent();

  /** Stops the load and returns every record written that its destination acknowledged. */
  List<Sent> stopLoad();

  /** Waits until the connector carried every record written; answers whether it got there. */
  boolean awaitDrained(Duration timeout) throws InterruptedException;

  /** Audits what arrived downstream against {@code sent}; called once the workers have stopped. */
  DeliveryAudit audit(List<Sent> sent, EventWindows windows);

  /** Whether the destination keeps each key's order, so that reorderings are failures. */
  boolean keepsKeyOrder();
}
