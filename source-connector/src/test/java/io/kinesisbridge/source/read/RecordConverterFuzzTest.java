package io.kinesisbridge.source.read;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kinesisbridge.common.aggregation.AggregateDecoder;
import io.kinesisbridge.common.aggregation.AggregationFormatException;
import io.kinesisbridge.common.aggregation.DeaggregatedRecord;
import io.kinesisbridge.common.aggregation.UserRecord;
import io.kinesisbridge.source.kinesis.KinesisRecordData;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.offset.ShardOffset;
import org.apache.kafka.connect.source.SourceRecord;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the source's record conversion with hostile record data. Properties:
 * conversion never throws; a record that is no valid aggregate arrives once, as its raw bytes; a
 * valid aggregate arrives as exactly its user records after the resume position, in order, each
 * with the offset {sequence, subsequence} of its place.
 */
class RecordConverterFuzzTest {

  private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
  private static final String SEQUENCE = "49000000000000000000000000000000000000000000000000000000";

  /** A shard without a known hash key range: the converter keeps every user record. */
  private static final ShardInfo SHARD =
      new ShardInfo("fuzzed", "shardId-000000000000", null, null, false);

  private final RecordConverter converter = new RecordConverter(stream -> "topic", true);

  @FuzzTest(maxDuration = "8s")
  void deliversEveryUserRecordOrTheRawBytesOnce(FuzzedDataProvider data) {
    boolean checksummed = data.consumeBoolean();
    long resumeSub = data.consumeLong(-1, 50);
    String partitionKey = data.consumeString(64);
    byte[] body = data.consumeRemainingAsBytes();
    byte[] payload = checksummed ? withMagicAndMd5(body) : body;
    ShardOffset resumeAfter = resumeSub < 0 ? null : new ShardOffset(SEQUENCE, resumeSub, false);
    KinesisRecordData record =
        new KinesisRecordData(SEQUENCE, partitionKey, payload, Instant.ofEpochMilli(1));
    List<SourceRecord> delivered = new ArrayList<>();

    converter.convert(SHARD, record, resumeAfter, delivered::add);

    List<DeaggregatedRecord> expected = expectedUserRecords(partitionKey, payload, resumeAfter);
    assertThat(delivered).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      SourceRecord actual = delivered.get(i);
      DeaggregatedRecord user = expected.get(i);
      assertThat((byte[]) actual.value()).isEqualTo(user.data());
      assertThat(actual.key()).isEqualTo(user.partitionKey());
      assertThat(ShardOffset.fromMap(actual.sourceOffset()))
          .isEqualTo(new ShardOffset(SEQUENCE, user.subSequenceNumber(), false));
    }
  }

  /** What the converter must deliver: decoded user records, or the raw bytes when not decodable. */
  private static List<DeaggregatedRecord> expectedUserRecords(
      String partitionKey, byte[] payload, ShardOffset resumeAfter) {
    List<DeaggregatedRecord> all;
    try {
      all = AggregateDecoder.decode(partitionKey, payload);
    } catch (AggregationFormatException e) {
      all = List.of(new DeaggregatedRecord(UserRecord.of(partitionKey, payload), 0, false));
    }
    return all.stream()
        .filter(r -> resumeAfter == null || !resumeAfter.covers(SEQUENCE, r.subSequenceNumber()))
        .toList();
  }

  private static byte[] withMagicAndMd5(byte[] protobuf) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(MAGIC);
      out.writeBytes(protobuf);
      out.writeBytes(MessageDigest.getInstance("MD5").digest(protobuf));
      return out.toByteArray();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
