package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.KinesisRecordData;
import io.kinesisbridge.source.offset.ShardOffset;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands the Kinesis records of one shard to Connect, the same way for both readers: converts them,
 * skips user records already delivered, and marks the end of a closed shard on its last record.
 *
 * <p>Connect can only commit an offset together with a record, so the finished marker must ride on
 * a record. The last record of a shard known to be closed is therefore held back until the next
 * response tells whether more follow; it then goes out, marked when the shard ended.
 */
final class ShardDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(ShardDelivery.class);

  private final RecordConverter converter;

  ShardDelivery(RecordConverter converter) {
    this.converter = converter;
  }

  /**
   * Converts {@code records} of {@code cursor}'s shard into {@code out}.
   *
   * @param shardEnded whether the response said the shard is closed and read to its end
   */
  void deliver(
      ShardCursor cursor,
      List<KinesisRecordData> records,
      boolean shardEnded,
      List<SourceRecord> out) {
    List<SourceRecord> fresh = new ArrayList<>();
    SourceRecord held = cursor.takeHeldBack();
    if (held != null) {
      fresh.add(held);
    }
    for (KinesisRecordData record : records) {
      int before = fresh.size();
      int dropped = converter.convert(cursor.shard(), record, cursor.delivered(), fresh::add);
      if (fresh.size() > before) {
        cursor.delivered(ShardOffset.fromMap(fresh.get(fresh.size() - 1).sourceOffset()));
      } else if (dropped > 0) {
        // Nothing of it reaches Kafka, yet reading (and the end check) must go on after it.
        cursor.passed(new ShardOffset(record.sequenceNumber(), dropped - 1L, false));
        warnDropped(cursor, record, dropped);
      }
    }
    if (shardEnded) {
      cursor.markFinished();
      if (!fresh.isEmpty()) {
        fresh.set(fresh.size() - 1, RecordConverter.markFinished(fresh.get(fresh.size() - 1)));
      }
      LOG.info("Shard {} is closed and read to its end", cursor.key());
    } else if (cursor.shard().closed() && !fresh.isEmpty()) {
      cursor.holdBack(fresh.remove(fresh.size() - 1));
    }
    // A held record was counted when it was converted; count only what is new.
    cursor.meter().delivered(fresh.size() - (held == null ? 0 : 1));
    out.addAll(fresh);
  }

  private static void warnDropped(ShardCursor cursor, KinesisRecordData record, int dropped) {
    long sinceLastWarning = cursor.meter().droppedOutOfRange(dropped);
    if (sinceLastWarning > 0) {
      LOG.warn(
          "Dropped the KPL aggregate {} of {} ({} user records): some of its user records hash"
              + " outside the shard's hash key range, so its producer re-sends them to the right"
              + " shard (as the KPL does after a reshard). {} user records dropped so since the"
              + " last such warning; see the records-dropped-out-of-range metric.",
          record.sequenceNumber(),
          cursor.key(),
          dropped,
          sinceLastWarning);
    }
  }

  /**
   * Ends a shard that no longer exists (it passed the stream's retention): a held-back record goes
   * out carrying the finished marker, so that its children can be opened once Kafka has it.
   */
  void finishGoneShard(ShardCursor cursor, List<SourceRecord> out) {
    cursor.markFinished();
    SourceRecord held = cursor.takeHeldBack();
    if (held != null) {
      out.add(RecordConverter.markFinished(held));
    }
  }
}
