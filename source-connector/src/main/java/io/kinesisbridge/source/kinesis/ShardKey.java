package io.kinesisbridge.source.kinesis;

import java.util.Map;
import java.util.Objects;

/**
 * A shard of a stream; also the Connect source partition {@code {stream, shard}}.
 *
 * @param stream the stream's name
 * @param shardId the shard's id
 */
public record ShardKey(String stream, String shardId) implements Comparable<ShardKey> {

  /** Key of the stream in the source partition map. */
  public static final String STREAM = "stream";

  /** Key of the shard id in the source partition map. */
  public static final String SHARD = "shard";

  /** Checks the names. */
  public ShardKey {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(shardId, "shardId");
  }

  /** The Connect source partition. */
  public Map<String, String> toPartition() {
    return Map.of(STREAM, stream, SHARD, shardId);
  }

  @Override
  public int compareTo(ShardKey other) {
    int byStream = stream.compareTo(other.stream);
    return byStream != 0 ? byStream : shardId.compareTo(other.shardId);
  }

  @Override
  public String toString() {
    return stream + "/" + shardId;
  }
}
