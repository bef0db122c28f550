package io.kinesisbridge.firehose.batch;

import io.kinesisbridge.common.sink.Packer;
import io.kinesisbridge.firehose.record.FirehoseRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.Record;

/** The two ways the sink turns Kafka records into Firehose records. */
public final class FirehosePackers {

  private FirehosePackers() {}

  /** One Firehose record per Kafka record: payload and delimiter. */
  public static Packer<FirehoseRecord, Record> perRecord() {
    return Packer.perRecord(
        r -> Record.builder().data(SdkBytes.fromByteArrayUnsafe(r.bytes())).build(),
        FirehoseRecord::size);
  }

  /**
   * Consecutive Kafka records concatenated into Firehose records of at most {@code maxRecordBytes}
   * (normally {@link FirehoseLimits#MAX_RECORD_BYTES}).
   */
  public static Packer<FirehoseRecord, Record> packing(int maxRecordBytes) {
    return new PackingPacker(maxRecordBytes);
  }
}
