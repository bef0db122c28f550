package io.kinesisbridge.sink.batch;

import io.kinesisbridge.common.aggregation.AggregateDecoder;
import io.kinesisbridge.common.aggregation.HashKeys;
import io.kinesisbridge.common.kinesis.ShardMap;
import io.kinesisbridge.common.kinesis.ShardRange;
import io.kinesisbridge.common.sink.Packer.PackBudget;
import io.kinesisbridge.common.sink.Packer.Packed;
import io.kinesisbridge.sink.record.KinesisUserRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AggregatingPackerTest {

  private static final BigInteger HALF = BigInteger.TWO.pow(127);
  private static final ShardMap TWO_SHARDS =
      ShardMap.of(
          List.of(
              new ShardRange("low", BigInteger.ZERO, HALF.subtract(BigInteger.ONE)),
              new ShardRange("high", HALF, HashKeys.MAX_HASH_KEY)));

  private static AggregatingPacker packer(int maxRecordBytes) {
    return new AggregatingPacker(stream -> TWO_SHARDS, stream -> maxRecordBytes);
  }

  private static KinesisUserRecord record(String key, int bytes) {
    return new KinesisUserRecord(
        "s", new TopicPartition("t", 0), 0, key, null, HashKeys.hashKeyOf(key), new byte[bytes]);
  }

  /** Keys whose MD5 falls in the low or high half of the hash space. */
  private static String keyIn(String shard, int n) {
    for (int i = 0; ; i++) {
      String key = shard + "-" + n + "-" + i;
      boolean low = HashKeys.hashKeyOf(key).compareTo(HALF) < 0;
      if (low == shard.equals("low")) {
        return key;
      }
    }
  }

  @Test
  void anAggregateStopsWhereTheNextRecordBelongsToAnotherShard() {
    List<KinesisUserRecord> run =
        List.of(
            record(keyIn("low", 1), 10), record(keyIn("low", 2), 10), record(keyIn("high", 3), 10));

    List<Packed<KinesisEntry>> packed =
        packer(1024 * 1024).pack(run, new PackBudget(500, 5_000_000, false));

    assertThat(packed).hasSize(2);
    assertThat(packed.get(0).recordCount()).isEqualTo(2);
    assertThat(packed.get(0).entry().expectedShardId()).isEqualTo("low");
    assertThat(packed.get(1).entry().expectedShardId()).isEqualTo("high");
  }

  @Test
  void anAggregateNeverExceedsTheStreamsMaxRecordSizeAndDecodesToItsRecords() {
    List<KinesisUserRecord> run = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      run.add(record(keyIn("low", i), 1000));
    }

    List<Packed<KinesisEntry>> packed =
        packer(20_000).pack(run, new PackBudget(500, 5_000_000, false));

    int total = 0;
    for (Packed<KinesisEntry> entry : packed) {
      assertThat(entry.wireBytes()).isLessThanOrEqualTo(20_000);
      byte[] data = entry.entry().entry().data().asByteArray();
      assertThat(AggregateDecoder.decode(entry.entry().entry().partitionKey(), data))
          .hasSize(entry.recordCount());
      total += entry.recordCount();
    }
    assertThat(total).isEqualTo(100);
    assertThat(packed.size()).isBetween(5, 7);
  }

  @Test
  void aRecordTooLargeToShareAnAggregateGoesAloneUnaggregated() {
    KinesisUserRecord big = record(keyIn("low", 1), 19_990);

    List<Packed<KinesisEntry>> packed =
        packer(20_000).pack(List.of(big), new PackBudget(500, 5_000_000, false));

    assertThat(packed).hasSize(1);
    assertThat(packed.get(0).entry().aggregated()).isFalse();
    assertThat(packed.get(0).entry().entry().data().asByteArray()).hasSize(19_990);
  }

  @Test
  void oneEntryOnlyBudgetsGetASingleAggregate() {
    List<KinesisUserRecord> run = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      run.add(record(keyIn(i % 2 == 0 ? "low" : "high", i), 10));
    }

    List<Packed<KinesisEntry>> packed =
        packer(1024 * 1024).pack(run, new PackBudget(500, 5_000_000, true));

    assertThat(packed).hasSize(1);
  }

  @Test
  void theRequestByteBudgetIsRespected() {
    List<KinesisUserRecord> run = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      run.add(record(keyIn("low", i), 1000));
    }

    List<Packed<KinesisEntry>> packed =
        packer(1024 * 1024).pack(run, new PackBudget(500, 10_000, false));

    long bytes = packed.stream().mapToLong(Packed::wireBytes).sum();
    assertThat(bytes).isLessThanOrEqualTo(10_000);
    assertThat(packed).isNotEmpty();
    assertThat(
            new String(
                packed.get(0).entry().entry().partitionKey().getBytes(StandardCharsets.UTF_8),
                StandardCharsets.UTF_8))
        .startsWith("low");
  }
}
