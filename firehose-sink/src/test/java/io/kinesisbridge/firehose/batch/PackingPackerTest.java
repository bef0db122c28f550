package io.kinesisbridge.firehose.batch;

import io.kinesisbridge.common.sink.Packer.PackBudget;
import io.kinesisbridge.common.sink.Packer.Packed;
import io.kinesisbridge.firehose.record.FirehoseRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.firehose.model.Record;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PackingPackerTest {

  private static final byte[] LF = {'\n'};
  private static final TopicPartition TP = new TopicPartition("t", 0);

  /** Records whose payload is {@code payloadBytes} long, each followed by a line feed. */
  private static List<FirehoseRecord> run(int count, int payloadBytes) {
    List<FirehoseRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] payload = new byte[payloadBytes];
      Arrays.fill(payload, (byte) ('a' + i % 26));
      records.add(new FirehoseRecord("s", TP, i, payload, LF));
    }
    return records;
  }

  private static byte[] data(Packed<Record> packed) {
    return packed.entry().data().asByteArray();
  }

  @ParameterizedTest(name = "{0} records of {1}+1 bytes, limit {2}: {3} per packed record")
  @CsvSource({
    "10, 99, 1000, 10", // 1,000 bytes: the last delimiter lands exactly on the limit
    "11, 99, 1000, 10", // one more record starts a second packed record
    "3, 499, 999, 1", // two would be 1,000 bytes, one byte over
    "4, 0, 2, 2" // empty payloads: only the delimiters
  })
  void aPackedRecordHoldsAsManyWholeRecordsAsFitTheLimit(
      int count, int payload, int limit, int perEntry) {
    List<Packed<Record>> packed =
        new PackingPacker(limit).pack(run(count, payload), new PackBudget(500, 1 << 22, false));

    assertThat(packed.get(0).recordCount()).isEqualTo(perEntry);
    assertThat(data(packed.get(0))).hasSize(perEntry * (payload + 1));
    assertThat(packed).allSatisfy(p -> assertThat(data(p)).endsWith('\n'));
    assertThat(packed.stream().mapToInt(Packed::recordCount).sum()).isEqualTo(count);
  }

  @Test
  void concatenatingThePackedRecordsGivesExactlyTheRecordsOneAfterAnother() {
    List<FirehoseRecord> run = run(100, 37);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    run.forEach(r -> expected.writeBytes(r.bytes()));

    ByteArrayOutputStream actual = new ByteArrayOutputStream();
    new PackingPacker(400)
        .pack(run, new PackBudget(500, 1 << 22, false))
        .forEach(p -> actual.writeBytes(data(p)));

    assertThat(actual.toByteArray()).isEqualTo(expected.toByteArray());
  }

  @Test
  void theRequestBudgetCapsBothEntriesAndBytes() {
    PackingPacker packer = new PackingPacker(1000);

    List<Packed<Record>> byEntries = packer.pack(run(100, 99), new PackBudget(3, 1 << 22, false));
    List<Packed<Record>> byBytes = packer.pack(run(100, 99), new PackBudget(500, 2_550, false));

    assertThat(byEntries).hasSize(3);
    assertThat(byEntries.stream().mapToLong(Packed::wireBytes).sum()).isEqualTo(3000);
    assertThat(byBytes.stream().mapToLong(Packed::wireBytes).sum())
        .as("two full packed records and what still fits of a third")
        .isEqualTo(2_500);
  }

  @Test
  void nothingIsPackedWhenNotEvenTheFirstRecordFitsTheBudget() {
    assertThat(new PackingPacker(1000).pack(run(2, 99), new PackBudget(500, 99, false))).isEmpty();
  }

  @Test
  void oneRecordPerEntryMapsEveryRecordToItsOwnFirehoseRecordWithTheDelimiter() {
    List<Packed<Record>> packed =
        FirehosePackers.perRecord().pack(run(3, 4), new PackBudget(500, 1 << 22, false));

    assertThat(packed).hasSize(3);
    assertThat(data(packed.get(1))).containsExactly('b', 'b', 'b', 'b', '\n');
  }
}
