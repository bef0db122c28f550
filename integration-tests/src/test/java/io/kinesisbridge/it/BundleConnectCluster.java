package io.kinesisbridge.it;

import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real Kafka broker and Connect worker, in-process, with {@code plugin.path} set to the unpacked
 * distribution zip: every IT exercises the bundle users install, in Connect's plugin class loader.
 */
public final class BundleConnectCluster {

  /** System property the build sets to the folder the bundle zip is unpacked into. */
  public static final String PLUGIN_PATH_PROPERTY = "kinesisbridge.plugin.path";

  /** The worker setting that says how plugins are found (Kafka 3.6+, KIP-898). */
  public static final String PLUGIN_DISCOVERY = "plugin.discovery";

  private BundleConnectCluster() {}

  /**
   * Builds and starts a one-worker cluster of its own, beside {@link SharedConnectCluster}; the
   * caller stops it. It leaves the JVM's exit procedures alone: a cluster that masks them resets
   * them JVM-wide when it stops, and the shared cluster, still running, would lose its mask.
   */
  public static EmbeddedConnectCluster start(String name, Map<String, String> workerOverrides) {
    return start(name, workerOverrides, false);
  }

  /**
   * As {@link #start(String, Map)}; with {@code masksExit}, a worker or broker calling {@code
   * System.exit} throws instead of ending the test JVM (only for the shared cluster).
   */
  static EmbeddedConnectCluster start(
      String name, Map<String, String> workerOverrides, boolean masksExit) {
    Map<String, String> worker = new HashMap<>();
    worker.put(WorkerConfig.PLUGIN_PATH_CONFIG, pluginPath().toString());
    worker.put(WorkerConfig.OFFSET_COMMIT_INTERVAL_MS_CONFIG, "2000");
    // Finds plugins by their ServiceLoader manifests instead of scanning every class of the test
    // class path and the bundle by reflection (the default): seconds saved per IT class.
    // PluginBundleIT runs the strict check (hybrid_fail) that the bundle's manifests are complete.
    worker.put(PLUGIN_DISCOVERY, "service_load");
    worker.putAll(workerOverrides);
    EmbeddedConnectCluster cluster =
        new EmbeddedConnectCluster.Builder()
            .name(name)
            .numWorkers(1)
            .workerProps(worker)
            .maskExitProcedures(masksExit)
            .build();
    cluster.start();
    return cluster;
  }

  /** The plugin.path folder; fails with a hint when the bundle was not unpacked into it. */
  public static Path pluginPath() {
    String configured = System.getProperty(PLUGIN_PATH_PROPERTY);
    if (configured == null) {
      throw new IllegalStateException(
          PLUGIN_PATH_PROPERTY + " is not set; run ITs through Maven (./mvnw verify)");
    }
    Path path = Path.of(configured);
    try (Stream<Path> entries = Files.list(path)) {
      if (entries.noneMatch(p -> Files.isDirectory(p.resolve("lib")))) {
        throw new IllegalStateException("no unpacked bundle (a folder with lib/) in " + path);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read plugin.path " + path + ": " + e, e);
    }
    return path;
  }
}
