package io.kinesisbridge.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A child JVM running a main class from this process's own class path, with its output in a log
 * file. The broker and the Connect worker run this way: real processes from Maven jars alone.
 */
final class JavaProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;

  private JavaProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code mainClass args...}; blocks only for the launch itself. */
  static JavaProcess start(
      String name, Path log, List<String> jvmOptions, String mainClass, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new JavaProcess(name, process, log);
  }

  /** Runs to completion and fails with the log's tail if the exit code is not 0. */
  void awaitSuccess(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      close();
      throw new IOException(name + " did not finish within " + timeout + "; see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IOException(name + " failed (exit " + process.exitValue() + "): " + tail());
    }
  }

  /**
   * Waits until {@code ready} holds; if the process dies or the timeout passes first, stops it and
   * fails with the tail of its log.
   */
  void awaitReady(BooleanSupplier ready, Duration timeout)
      throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!ready.getAsBoolean()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        String tail = tail();
        close();
        throw new IOException(name + " did not start; log " + log + ":\n" + tail);
      }
      Thread.sleep(200);
    }
  }

  Path log() {
    return log;
  }

  String tail() {
    try {
      String text = Files.readString(log);
      return text.length() <= 3000 ? text : text.substring(text.length() - 3000);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
