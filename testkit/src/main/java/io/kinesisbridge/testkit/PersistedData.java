package io.kinesisbridge.testkit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * kinesis-mock's on-disk state: where it lives, the settings that make kinesis-mock write it, and
 * the care a hard kill needs.
 *
 * <p>kinesis-mock rewrites the whole file in place (truncate, then write) every persist interval,
 * even when nothing changed. A kill that lands inside such a write leaves a truncated file, and
 * kinesis-mock then dies at start-up ({@code NoSuchElementException}). So before a kill we keep a
 * complete copy, and after it we put that copy back if the kill tore the file.
 */
final class PersistedData {

  static final String FILE_NAME = "kinesis-data.json";

  private static final Logger LOG = LoggerFactory.getLogger(PersistedData.class);
  private static final JsonFactory JSON = new JsonFactory();
  private static final Duration POLL = Duration.ofMillis(10);

  private final Path dir;
  private final Duration interval;
  private final boolean ownsDir;

  PersistedData(Path dir, Duration interval, boolean ownsDir) {
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("persist interval must be at least 1 ms: " + interval);
    }
    this.dir = dir;
    this.interval = interval;
    this.ownsDir = ownsDir;
  }

  /** Persistence in a new temporary folder, deleted by {@link #deleteIfOwned()}. */
  static PersistedData inTempDir(Duration interval) {
    try {
      return new PersistedData(Files.createTempDirectory("kinesis-mock-data-"), interval, true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a folder for kinesis-mock's data", e);
    }
  }

  Path file() {
    return dir.resolve(FILE_NAME);
  }

  Duration interval() {
    return interval;
  }

  /** The kinesis-mock settings that write the state here and load it again at start-up. */
  Map<String, String> env() {
    return Map.of(
        "SHOULD_PERSIST_DATA",
        "true",
        "LOAD_DATA_IF_EXISTS",
        "true",
        "PERSIST_PATH",
        dir.toAbsolutePath().toString(),
        "PERSIST_FILE_NAME",
        FILE_NAME,
        // kinesis-mock parses Scala durations; whole milliseconds are exact enough here.
        "PERSIST_INTERVAL",
        interval.toMillis() + "ms");
  }

  /**
   * Waits until kinesis-mock has finished writing the file twice since this call. The second write
   * began after the call, so the file then holds everything acknowledged before it; one write is
   * not enough, as it may have taken its snapshot of the state before the call.
   *
   * @return whether that happened before {@code timeout}
   */
  boolean awaitWrites(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    FileTime seen = modified().orElse(null);
    int completeWrites = 0;
    while (completeWrites < 2 && Instant.now().isBefore(deadline)) {
      sleep(POLL);
      Optional<FileTime> now = modified();
      if (now.isPresent() && !now.get().equals(seen) && readComplete().isPresent()) {
        seen = now.get();
        completeWrites++;
      }
    }
    return completeWrites >= 2;
  }

  /** The file's bytes if it is complete JSON right now, retrying while a write is in progress. */
  Optional<byte[]> snapshot() {
    Instant deadline = Instant.now().plus(interval.multipliedBy(3).plusSeconds(1));
    while (Instant.now().isBefore(deadline)) {
      Optional<byte[]> complete = readComplete();
      if (complete.isPresent() || !Files.exists(file())) {
        return complete;
      }
      sleep(POLL);
    }
    return Optional.empty();
  }

  /** After a kill: puts {@code snapshot} back when the kill left a torn file. */
  void repair(Optional<byte[]> snapshot) {
    if (!Files.exists(file()) || readComplete().isPresent() || snapshot.isEmpty()) {
      return;
    }
    LOG.warn("kinesis-mock was killed while writing {}; restoring the last complete copy", file());
    try {
      Path temp = Files.createTempFile(dir, "kinesis-data", ".tmp");
      Files.write(temp, snapshot.get());
      Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restore " + file(), e);
    }
  }

  /** Deletes the folder if this class created it. */
  void deleteIfOwned() {
    if (!ownsDir) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(PersistedData::deleteQuietly);
    } catch (IOException e) {
      LOG.debug("cannot delete {}", dir, e);
    }
  }

  private Optional<byte[]> readComplete() {
    try {
      byte[] bytes = Files.readAllBytes(file());
      return isCompleteJsonObject(bytes) ? Optional.of(bytes) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file(), e);
    }
  }

  private Optional<FileTime> modified() {
    try {
      return Optional.of(Files.getLastModifiedTime(file()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file(), e);
    }
  }

  /** A torn write is a prefix of the JSON object, which never parses to its end. */
  static boolean isCompleteJsonObject(byte[] bytes) {
    try (JsonParser parser = JSON.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      parser.skipChildren();
      return parser.currentToken() == JsonToken.END_OBJECT;
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LOG.debug("cannot delete {}", path, e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for kinesis-mock's data", e);
    }
  }
}
