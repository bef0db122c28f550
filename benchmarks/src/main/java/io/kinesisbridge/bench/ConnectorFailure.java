package io.kinesisbridge.bench;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** Why a connector or one of its tasks failed, read from the worker's status endpoint. */
final class ConnectorFailure {

  private ConnectorFailure() {}

  /** The failure of connector {@code name}, or null while it is fine or not reported yet. */
  static String of(EmbeddedConnectCluster connect, String name) {
    ConnectorStateInfo status;
    try {
      status = connect.connectorStatus(name);
    } catch (RuntimeException e) {
      return null; // not registered yet
    }
    if ("FAILED".equals(status.connector().state())) {
      return "connector failed: " + cause(status.connector().trace());
    }
    for (ConnectorStateInfo.TaskState task : status.tasks()) {
      if ("FAILED".equals(task.state())) {
        return "task " + task.id() + " failed: " + cause(task.trace());
      }
    }
    return null;
  }

  /** The innermost "Caused by" of a stack trace, or its first line: the part a reader needs. */
  static String cause(String trace) {
    if (trace == null) {
      return "(no trace)";
    }
    String[] lines = trace.split("\n");
    String cause = lines[0];
    for (String line : lines) {
      if (line.startsWith("Caused by: ")) {
        cause = line.substring("Caused by: ".length());
      }
    }
    return cause.strip();
  }
}
