package io.kinesisbridge.testkit.stub;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-shard token buckets on a hand-driven clock. */
class ShardWriteLimitsTest {

  private final AtomicLong now = new AtomicLong(5_000_000_000L);
  private final ShardWriteLimits limits = new ShardWriteLimits(2, now::get);

  @Test
  void aShardTakesOneSecondOfRecordsThenRefillsOneRecordPerMillisecond() {
    assertThat(writes(0, 1_500, 10)).isEqualTo(1_000);

    now.addAndGet(1_000_000); // 1 ms: one record's worth
    assertThat(writes(0, 5, 10)).isEqualTo(1);

    now.addAndGet(10_000_000_000L); // long idle: full again, never more than one second's worth
    assertThat(writes(0, 1_500, 10)).isEqualTo(1_000);
  }

  @Test
  void aShardTakesOneMebibytePerSecond() {
    assertThat(writes(0, 20, 100 * 1024)).isEqualTo(10); // 11 x 100 KiB > 1 MiB
    assertThat(limits.tryWrite(0, 24 * 1024)).isTrue(); // exactly the rest of the MiB
    assertThat(limits.tryWrite(0, 1)).isFalse();

    now.addAndGet(500_000_000); // half a second: half a MiB
    assertThat(limits.tryWrite(0, 512 * 1024 + 1)).isFalse();
    assertThat(limits.tryWrite(0, 512 * 1024)).isTrue();
  }

  @Test
  void aRefusedWriteTakesNothingAndShardsAreIndependent() {
    assertThat(writes(0, 1_000, 10)).isEqualTo(1_000);
    assertThat(limits.tryWrite(0, 10)).isFalse();
    assertThat(limits.tryWrite(0, 10)).isFalse();
    now.addAndGet(1_000_000);
    assertThat(limits.tryWrite(0, 10)).isTrue(); // the refused ones did not eat the refill

    assertThat(writes(1, 1_000, 10)).isEqualTo(1_000); // the other shard was untouched
  }

  private int writes(int shard, int count, int bytes) {
    int accepted = 0;
    for (int i = 0; i < count; i++) {
      if (limits.tryWrite(shard, bytes)) {
        accepted++;
      }
    }
    return accepted;
  }
}
