package io.kinesisbridge.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Runs one kinesis-mock Node process on given ports and waits until it listens.
 *
 * <p>kinesis-mock stays alive without listening when a port is taken, so a launch that does not
 * reach listening within the timeout kills the process hard instead of leaving it behind.
 */
final class KinesisMockProcess {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private KinesisMockProcess() {}

  /**
   * Starts {@code node main} with {@code env} on the two ports, appending its output to {@code
   * log}, and returns once both ports listen.
   *
   * @throws IllegalStateException when node cannot run, the process exits, or it does not listen
   */
  static Process launch(Path main, Map<String, String> env, int plainPort, int tlsPort, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(List.of("node", main.toString()))
            .directory(main.getParent().toFile())
            .redirectErrorStream(true)
            .redirectOutput(Redirect.appendTo(log.toFile()));
    Map<String, String> environment = builder.environment();
    environment.put("KINESIS_MOCK_CERT_PATH", main.getParent().resolve("server.json").toString());
    environment.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort));
    environment.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
    environment.put("LOG_LEVEL", "WARN");
    environment.putAll(env);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run `node` (Node.js 20 is required): " + e, e);
    }
    try {
      awaitListening(process, plainPort, tlsPort, log);
      return process;
    } catch (RuntimeException e) {
      destroy(process);
      throw e;
    }
  }

  private static void awaitListening(Process process, int plainPort, int tlsPort, Path log) {
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "kinesis-mock exited with code " + process.exitValue() + "; log: " + logTail(log));
      }
      if (FreePorts.isListening(plainPort) && FreePorts.isListening(tlsPort)) {
        return;
      }
      sleep(Duration.ofMillis(100));
    }
    throw new IllegalStateException(
        "kinesis-mock did not listen on ports "
            + plainPort
            + "/"
            + tlsPort
            + " within "
            + START_TIMEOUT
            + "; log: "
            + logTail(log));
  }

  /** Kills the process and its children hard (kinesis-mock ignores SIGTERM) and waits for it. */
  static void destroy(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The log file for an emulator on {@code port}, in a shared folder under java.io.tmpdir. */
  static Path logFile(int port) {
    try {
      Path dir =
          Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "kinesis-mock"));
      return dir.resolve("kinesis-mock-" + port + ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String logTail(Path log) {
    try {
      String text = Files.readString(log);
      return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for kinesis-mock", e);
    }
  }
}
