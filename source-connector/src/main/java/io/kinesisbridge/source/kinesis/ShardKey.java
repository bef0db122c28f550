package io.kinesisbridge.source.kinesis;

import java.util.LinkedHashMap;
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

  /**
   * The Connect source partition, always with {@code stream} before {@code shard}. Connect finds a
   * stored offset by the JSON bytes of the partition, so the key order must be the same in every
   * JVM: {@code Map.of} iterates in an order that changes from one JVM start to the next, which
   * made a restarted worker miss the offsets of about half its shards.
   */
  public Map<String, String> toPartition() {
    Map<String, String> partition = new LinkedHashMap<>();
    partition.put(STREAM, stream);
    partition.put(SHARD, shardId);
    return partition;
  }

  /**
   * The partition with the other key order, under which offsets may also be stored: by versions
   * that used {@code Map.of}, or by a user who altered offsets with {@code shard} first.
   */
  public Map<String, String> toPartitionShardFirst() {
    Map<String, String> partition = new LinkedHashMap<>();
    partition.put(SHARD, shardId);
    partition.put(STREAM, stream);
    return partition;
  }

  /** The shard a source partition names, in either key order. */
  public static ShardKey fromPartition(Map<String, ?> partition) {
    return new ShardKey((String) partition.get(STREAM), (String) partition.get(SHARD));
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
