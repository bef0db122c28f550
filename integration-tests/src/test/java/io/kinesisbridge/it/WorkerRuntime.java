package io.kinesisbridge.it;

import org.apache.kafka.common.utils.AppInfoParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The Kafka release a {@link ConnectWorkerProcess} runs: its class path and how it is told where to
 * log. The current line is the one we build and test against (the test class path); older lines
 * come from the {@code connect-workers} modules, which resolve each release's own jars from Maven
 * Central into {@code target/worker-classpath.txt}.
 */
record WorkerRuntime(String line, String classPath, Logging logging) {

  /** Kafka 3.x logs through reload4j (log4j 1.x properties), 4.x through log4j2. */
  enum Logging {
    RELOAD4J,
    LOG4J2
  }

  /** The lines a user's worker may run, oldest first, as tested by the worker-matrix IT. */
  static List<WorkerRuntime> supported() {
    return List.of(ofModule("3.7"), ofModule("3.9"), ofModule("4.0"), current());
  }

  /** The Kafka we build against: the test JVM's own class path, minus our modules. */
  static WorkerRuntime current() {
    return new WorkerRuntime(
        AppInfoParser.getVersion(), ConnectWorkerProcess.workerClassPath(), Logging.LOG4J2);
  }

  /** Whether the worker offers plugin metrics to connectors (KIP-877, Kafka 4.1). */
  boolean hasPluginMetrics() {
    String[] parts = line.split("[.]");
    int major = Integer.parseInt(parts[0]);
    int minor = Integer.parseInt(parts[1]);
    return major > 4 || (major == 4 && minor >= 1);
  }

  /** The line {@code 3.7}, {@code 3.9} or {@code 4.0}, from its connect-workers module. */
  static WorkerRuntime ofModule(String line) {
    String dir = System.getProperty("connect.workers.dir");
    if (dir == null) {
      throw new IllegalStateException("connect.workers.dir is not set: run the ITs through Maven");
    }
    Path file = Path.of(dir, "kafka-" + line, "target", "worker-classpath.txt");
    try {
      String classPath = Files.readString(file).trim();
      Logging logging = line.startsWith("3.") ? Logging.RELOAD4J : Logging.LOG4J2;
      return new WorkerRuntime(line, classPath, logging);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "no class path for Kafka " + line + " (build the connect-workers modules first)", e);
    }
  }

  @Override
  public String toString() {
    return "Kafka " + line;
  }
}
