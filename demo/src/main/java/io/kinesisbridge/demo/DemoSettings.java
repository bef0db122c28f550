package io.kinesisbridge.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the demo finds the bundle and configs and where it keeps its state. */
record DemoSettings(boolean once, Path repoRoot, Path bundle, Path workDir) {

  static DemoSettings fromArgs(String[] args) throws IOException {
    List<String> list = List.of(args);
    for (String arg : list) {
      if (!arg.equals("--once")) {
        throw new IllegalArgumentException("unknown argument " + arg + "; usage: demo [--once]");
      }
    }
    Path root = Path.of(System.getProperty("kinesisbridge.repo", ".")).toAbsolutePath().normalize();
    return new DemoSettings(list.contains("--once"), root, findBundle(root), root.resolve(".demo"));
  }

  private static Path findBundle(Path root) throws IOException {
    Path target = root.resolve("distribution/target");
    if (Files.isDirectory(target)) {
      try (Stream<Path> files = Files.list(target)) {
        return files
            .filter(
                p -> p.getFileName().toString().matches("kinesisbridge-kinesis-bridge-.*\\.zip"))
            .findFirst()
            .orElseThrow(() -> new IOException("no bundle zip in " + target + "; build it first"));
      }
    }
    throw new IOException(target + " is missing; run the demo through ./demo.sh, which builds it");
  }

  Path pluginPath() {
    return workDir.resolve("plugins");
  }

  Path configDir() {
    return repoRoot.resolve("config");
  }

  Path log4jConfig() {
    return repoRoot.resolve("config/demo/log4j2.properties");
  }
}
