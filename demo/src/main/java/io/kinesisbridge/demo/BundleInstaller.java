package io.kinesisbridge.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Installs the plugin bundle the way the README tells users to: unzip it into plugin.path. */
final class BundleInstaller {

  private BundleInstaller() {}

  /** Unzips {@code bundle} into {@code pluginPath}; returns the plugin's top folder. */
  static Path install(Path bundle, Path pluginPath) throws IOException {
    Files.createDirectories(pluginPath);
    Path top = null;
    try (InputStream in = Files.newInputStream(bundle);
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        Path target = pluginPath.resolve(entry.getName()).normalize();
        if (!target.startsWith(pluginPath)) {
          throw new IOException("bundle entry escapes plugin.path: " + entry.getName());
        }
        if (top == null) {
          top = pluginPath.resolve(Path.of(entry.getName()).getName(0));
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    if (top == null) {
      throw new IOException("bundle is empty: " + bundle);
    }
    return top;
  }
}
