package io.kinesisbridge.source.read;

import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import org.apache.kafka.connect.errors.ConnectException;

import java.util.List;

/**
 * What a ResourceNotFoundException about a shard means. Only one case lets the reader go on: the
 * stream exists and no longer lists the shard, because the shard is closed and older than the
 * stream's retention, so nothing of it is left to read. A deleted stream, or a shard Kinesis still
 * lists, fails the task: reading nothing while the task shows RUNNING would hide the problem.
 */
final class MissingShard {

  private MissingShard() {}

  static boolean isNotFound(RuntimeException e) {
    return "ResourceNotFoundException".equals(ErrorClassifier.classify(e).code());
  }

  /**
   * Lists the shard's stream to tell why {@code shard} was not found.
   *
   * @return null when the shard aged out of the stream; the listing's own failure when the listing
   *     failed for another reason (the caller retries as after any failed call)
   * @throws ConnectException when the stream no longer exists or still lists the shard
   */
  static RuntimeException check(KinesisReaderPort port, ShardKey shard, RuntimeException notFound) {
    List<ShardInfo> listed;
    try {
      listed = port.listShards(shard.stream());
    } catch (RuntimeException listing) {
      if (isNotFound(listing)) {
        throw new ConnectException(
            "The stream '"
                + shard.stream()
                + "' no longer exists (found while reading its shard "
                + shard.shardId()
                + "). Was it deleted? Recreate it, or remove it from the connector's streams and"
                + " restart the connector.",
            notFound);
      }
      return listing;
    }
    if (listed.stream().anyMatch(s -> s.shardId().equals(shard.shardId()))) {
      throw new ConnectException(
          "Kinesis says shard "
              + shard.shardId()
              + " of stream '"
              + shard.stream()
              + "' does not exist, yet lists it: "
              + ErrorClassifier.classify(notFound).reason(),
          notFound);
    }
    return null;
  }
}
