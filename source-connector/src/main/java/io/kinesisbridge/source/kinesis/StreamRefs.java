package io.kinesisbridge.source.kinesis;

import io.kinesisbridge.common.kinesis.StreamRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The connector's streams by name. The readers know a stream by its name (it is the stream's
 * identity in offsets and headers); the SDK adapters look the name up here to call Kinesis by ARN
 * when the stream was configured by ARN.
 */
public final class StreamRefs {

  private final Map<String, StreamRef> byName;

  private StreamRefs(Map<String, StreamRef> byName) {
    this.byName = byName;
  }

  /**
   * The directory of {@code streams}.
   *
   * @throws IllegalArgumentException when two streams share a name (e.g. same-named streams in two
   *     accounts): their offsets would mix, since offsets are kept by stream name
   */
  public static StreamRefs of(List<StreamRef> streams) {
    Map<String, StreamRef> byName = new LinkedHashMap<>();
    for (StreamRef stream : streams) {
      StreamRef earlier = byName.putIfAbsent(stream.name(), stream);
      if (earlier != null) {
        throw new IllegalArgumentException(
            "'"
                + earlier
                + "' and '"
                + stream
                + "' are both named '"
                + stream.name()
                + "'; offsets are kept by stream name, so read them with two connectors");
      }
    }
    return new StreamRefs(Map.copyOf(byName));
  }

  /**
   * The stream named {@code name}.
   *
   * @throws IllegalStateException when the connector was not configured with it; asking Kinesis by
   *     name instead could reach a same-named stream in the caller's own account
   */
  public StreamRef get(String name) {
    StreamRef stream = byName.get(name);
    if (stream == null) {
      throw new IllegalStateException(
          "Stream '" + name + "' is not one of the configured streams " + byName.keySet());
    }
    return stream;
  }
}
