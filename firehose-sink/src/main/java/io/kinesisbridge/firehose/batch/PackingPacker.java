package io.kinesisbridge.firehose.batch;

import io.kinesisbridge.common.sink.Packer;
import io.kinesisbridge.common.sink.Packer.PackBudget;
import io.kinesisbridge.common.sink.Packer.Packed;
import io.kinesisbridge.firehose.record.FirehoseRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs consecutive records, each already followed by its delimiter, into Firehose records of at
 * most {@code maxRecordBytes}. Firehose writes a record's bytes to the destination as they are, so
 * a packed record lands as exactly the bytes its Kafka records would have produced one by one:
 * packing changes the bill and the number of records, never the data.
 */
final class PackingPacker implements Packer<FirehoseRecord, Record> {

  private final int maxRecordBytes;

  /**
   * @param maxRecordBytes the largest packed record; every single record must fit in it, which the
   *     task checks before submitting
   */
  PackingPacker(int maxRecordBytes) {
    this.maxRecordBytes = maxRecordBytes;
  }

  @Override
  public List<Packed<Record>> pack(List<FirehoseRecord> run, PackBudget budget) {
    List<Packed<Record>> packed = new ArrayList<>();
    long bytesLeft = budget.maxBytes();
    int next = 0;
    while (next < run.size() && packed.size() < budget.entryLimit()) {
      int room = (int) Math.min(maxRecordBytes, bytesLeft);
      Packed<Record> entry = packOne(run, next, room);
      if (entry == null) {
        break;
      }
      packed.add(entry);
      bytesLeft -= entry.wireBytes();
      next += entry.recordCount();
    }
    return packed;
  }

  /**
   * The record starting at {@code start}, or null when not even one record fits in {@code room}.
   */
  private static Packed<Record> packOne(List<FirehoseRecord> run, int start, int room) {
    int size = 0;
    int end = start;
    // Measure first, then copy once into an array of the exact size.
    while (end < run.size() && size + run.get(end).size() <= room) {
      size += run.get(end).size();
      end++;
    }
    if (end == start) {
      return null;
    }
    byte[] data = new byte[size];
    int position = 0;
    for (int i = start; i < end; i++) {
      position = run.get(i).copyTo(data, position);
    }
    Record record = Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build();
    return new Packed<>(record, end - start, size);
  }
}
