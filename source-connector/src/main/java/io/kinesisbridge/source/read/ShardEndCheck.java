package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.KinesisRecordData;
import io.kinesisbridge.source.kinesis.RecordBatch;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.offset.ShardOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks GetRecords whether a closed shard has anything after the last delivered record. Real Kinesis
 * ends a closed shard's subscription with an event naming the children; an emulator may keep the
 * subscription open forever, and without this check the children would never be read. Only
 * caught-up closed shards are checked, every few seconds, so the read budget barely notices.
 */
public final class ShardEndCheck {

  /** Records per call: the delivered record comes back first, one more decides. */
  static final int RECORDS_PER_CALL = 2;

  /** Kinesis may return a few empty pages before the end of a shard. */
  static final int MAX_CALLS = 5;

  private static final Logger LOG = LoggerFactory.getLogger(ShardEndCheck.class);

  private final KinesisReaderPort port;

  /** A check that reads through {@code port}. */
  public ShardEndCheck(KinesisReaderPort port) {
    this.port = port;
  }

  /**
   * Whether {@code shard} is closed and holds nothing after {@code delivered}.
   *
   * <p>A record counts as delivered only when every user record the reader would make of it is
   * covered: {@code delivered} often points inside the shard's last KPL aggregate (its last user
   * record is held back until the end is known), and the rest of that aggregate must still go out.
   *
   * @param from where the cursor would resume (at the delivered record, or its first position)
   * @param converter the reader's converter, which knows how a record splits into user records
   */
  boolean readToEnd(
      ShardInfo shard, StartPosition from, ShardOffset delivered, RecordConverter converter) {
    try {
      String iterator = port.shardIterator(shard.key(), from);
      for (int call = 0; call < MAX_CALLS && iterator != null; call++) {
        RecordBatch batch = port.getRecords(shard.key(), iterator, RECORDS_PER_CALL);
        for (KinesisRecordData record : batch.records()) {
          if (holdsUndelivered(shard, record, delivered, converter)) {
            return false;
          }
        }
        if (batch.shardEnded()) {
          return true;
        }
        iterator = batch.nextIterator();
      }
      return false;
    } catch (RuntimeException e) {
      // Only an extra check: the next one comes in a few seconds.
      LOG.debug("Could not check whether {} is read to its end: {}", shard.key(), e.toString());
      return false;
    }
  }

  private static boolean holdsUndelivered(
      ShardInfo shard, KinesisRecordData record, ShardOffset delivered, RecordConverter converter) {
    if (delivered == null) {
      return true;
    }
    boolean[] found = {false};
    converter.convert(shard, record, delivered, user -> found[0] = true);
    return found[0];
  }
}
