package io.kinesisbridge.common.sink;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/** A pipeline over a {@link FakeSender} and a {@link ManualScheduler}, plus submit helpers. */
final class PipelineFixture<E> implements AutoCloseable {

  static final String STREAM = "orders-stream";

  final ManualScheduler scheduler = new ManualScheduler();
  final FakeSender<E> sender = new FakeSender<>();
  final DeliveryPipeline<TestRecord, E> pipeline;
  private final long[] nextOffsets = new long[1024];

  private PipelineFixture(
      Packer<TestRecord, E> packer,
      PipelineSettings settings,
      UnaryOperator<DeliveryPipeline.Builder<TestRecord, E>> customize) {
    DeliveryPipeline.Builder<TestRecord, E> builder =
        DeliveryPipeline.builder(packer, sender)
            .settings(settings)
            .scheduler(scheduler)
            .random(new Random(42));
    this.pipeline = customize.apply(builder).build();
  }

  /** One entry per record; the entry is the record. */
  static PipelineFixture<TestRecord> perRecord(PipelineSettings settings) {
    return new PipelineFixture<>(
        Packer.perRecord(record -> record, TestRecord::size), settings, builder -> builder);
  }

  static <E> PipelineFixture<E> with(
      Packer<TestRecord, E> packer,
      PipelineSettings settings,
      UnaryOperator<DeliveryPipeline.Builder<TestRecord, E>> customize) {
    return new PipelineFixture<>(packer, settings, customize);
  }

  /** Settings for tests: long linger and timeout, so only what a test does sends anything. */
  static PipelineSettings.Builder settings() {
    return PipelineSettings.builder()
        .name("test")
        .linger(java.time.Duration.ofSeconds(1))
        .deliveryTimeout(java.time.Duration.ofMinutes(10))
        .backoff(java.time.Duration.ofMillis(100), java.time.Duration.ofMillis(100));
  }

  /** Submits the next record of partition {@code partition}, in the lane of that partition. */
  TestRecord submit(int partition, int size) {
    TopicPartition tp = TestRecord.tp(partition);
    TestRecord record = new TestRecord(tp, nextOffsets[partition]++, size);
    pipeline.submit(new Submission<>(tp, record.offset(), STREAM, tp, record, size));
    return record;
  }

  /**
   * Submits the next record of {@code key}'s partition (one of four, by the key's hash) to {@code
   * lane}, with {@code orderSlot} as its order slot.
   */
  TestRecord submitKeyed(String key, Object lane, int orderSlot) {
    TopicPartition tp = TestRecord.tp(Math.floorMod(key.hashCode(), 4));
    TestRecord record = new TestRecord(tp, nextOffsets[tp.partition()]++, 10, key);
    pipeline.submit(
        new Submission<>(tp, record.offset(), STREAM, lane, record, 10, orderSlot, null));
    return record;
  }

  /** Submits {@code count} records of {@code size} bytes to partition 0, in one call. */
  List<TestRecord> submitMany(int count, int size) {
    List<TestRecord> records = new ArrayList<>();
    List<Submission<TestRecord>> submissions = new ArrayList<>();
    TopicPartition tp = TestRecord.tp(0);
    for (int i = 0; i < count; i++) {
      TestRecord record = new TestRecord(tp, nextOffsets[0]++, size);
      records.add(record);
      submissions.add(new Submission<>(tp, record.offset(), STREAM, tp, record, size));
    }
    pipeline.submitAll(submissions);
    return records;
  }

  /** Sends what is waiting now (flush with no wait). */
  void sendNow() {
    pipeline.flush(java.time.Duration.ZERO);
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
