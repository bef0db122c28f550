package io.kinesisbridge.testkit.stub;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The streams of one stub server, by name. Thread-safe. */
final class StubStreams {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");

  private final Map<String, StubStream> byName = new ConcurrentHashMap<>();
  private final int maxRecordBytes;

  StubStreams(int maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  /** Creates {@code name}; fails like CreateStream when it exists or the arguments are invalid. */
  StubStream create(String name, int shards) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw KinesisError.validation(
          "Value '"
              + name
              + "' at 'streamName' failed to satisfy constraint: Member must satisfy regular"
              + " expression pattern: [a-zA-Z0-9_.-]+");
    }
    if (shards < 1) {
      throw KinesisError.validation(
          "Value '"
              + shards
              + "' at 'shardCount' failed to satisfy constraint: Member must have value greater"
              + " than or equal to 1");
    }
    StubStream stream = new StubStream(name, shards, maxRecordBytes);
    if (byName.putIfAbsent(name, stream) != null) {
      throw new KinesisError(
          "ResourceInUseException",
          "Stream " + name + " under account " + StubStream.ACCOUNT + " already exists.");
    }
    return stream;
  }

  /** Removes {@code name}; fails like DeleteStream when it does not exist. */
  StubStream delete(String name) {
    StubStream removed = byName.remove(name);
    if (removed == null) {
      throw KinesisError.notFound(name);
    }
    return removed;
  }

  /** The stream {@code request} names by StreamName or StreamARN, failing as Kinesis would. */
  StubStream require(RequestBody request) {
    String name = request.streamName();
    if (name == null) {
      throw KinesisError.validation("Either StreamName or StreamARN should be provided.");
    }
    return require(name);
  }

  /** The stream called {@code name}, or null. */
  StubStream find(String name) {
    return byName.get(name);
  }

  /** The stream called {@code name}; ResourceNotFoundException when there is none. */
  StubStream require(String name) {
    StubStream stream = byName.get(name);
    if (stream == null) {
      throw KinesisError.notFound(name);
    }
    return stream;
  }

  List<String> names() {
    return byName.keySet().stream().sorted().toList();
  }
}
