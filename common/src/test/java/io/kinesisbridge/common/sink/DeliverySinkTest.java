package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.metrics.GaugePublisher;
import io.kinesisbridge.common.sink.DeliverySink.Prepared;
import io.kinesisbridge.common.testing.FakeSinkTaskContext;
import io.kinesisbridge.common.testing.RenamingTransform;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliverySinkTest {

  private static final TopicPartition TP = TestRecord.tp(0);
  private static final AtomicInteger NAMES = new AtomicInteger();

  private final ManualScheduler scheduler = new ManualScheduler();
  private final FakeSender<TestRecord> sender = new FakeSender<>();
  private final FakeSinkTaskContext context = new FakeSinkTaskContext(true, TP);
  private final List<String> closed = new ArrayList<>();
  private boolean streamReady = true;
  private DeliverySink<TestRecord> sink;

  @AfterEach
  void stop() {
    if (sink != null) {
      sink.stop();
    }
  }

  /** Values: null is skipped, "bad" rejected, "late" fails the put until the stream is ready. */
  private Prepared<TestRecord> prepare(SinkRecord record) {
    if (record.value() == null) {
      return Prepared.skip(record);
    } else if ("bad".equals(record.value())) {
      return Prepared.reject(new DataException("bad"));
    } else if ("late".equals(record.value()) && !streamReady) {
      throw new RetriableException("stream not ready");
    }
    TestRecord prepared = new TestRecord(TP, record.kafkaOffset(), 10);
    return Prepared.send(new Submission<>(TP, record.kafkaOffset(), "s", TP, prepared, 10));
  }

  private DeliverySink<TestRecord> start(PipelineSettings settings) {
    sink =
        DeliverySink.builder(
                this::prepare, Packer.perRecord(TestRecord::self, TestRecord::size), sender)
            .settings(settings)
            .scheduler(scheduler)
            .extraGauges(() -> Map.of("sink-own", 3))
            .failureHint(failure -> "Fix it.")
            .resources(() -> closed.add("client"))
            .start(context, "test-sink-task", Map.of(), "test-sink-" + NAMES.incrementAndGet());
    return sink;
  }

  private void sendNow() {
    scheduler.advance(Duration.ofSeconds(2));
  }

  private static SinkRecord record(long offset, Object value) {
    return new SinkRecord(TP.topic(), TP.partition(), null, null, null, value, offset);
  }

  @Test
  void skippedAndRejectedRecordsKeepThePartitionsOffsetsInOrder() {
    start(PipelineFixture.settings().build());

    sink.put(List.of(record(0, "a"), record(1, null), record(2, "bad"), record(3, "b")));

    // Offset 0 is not acknowledged yet, so the skipped offsets behind it must not commit.
    assertThat(sink.preCommit(Map.of(TP, new OffsetAndMetadata(0)))).isEmpty();
    for (int round = 0; round < 2; round++) {
      sendNow();
      sender.succeedAll();
    }
    assertThat(sink.preCommit(Map.of(TP, new OffsetAndMetadata(0))))
        .containsEntry(TP, new OffsetAndMetadata(4));
    assertThat(sink.gauges())
        .containsEntry("records-skipped-null", 1L)
        .containsEntry("records-dropped-to-dlq", 1L)
        .containsEntry("sink-own", 3)
        .containsEntry("records-acknowledged-total", 2L);
    assertThat(context.reported)
        .singleElement()
        .satisfies(r -> assertThat(r.record().kafkaOffset()).isEqualTo(2));
  }

  @Test
  void recordsRenamedByATransformSettleUnderThePartitionTheyWereReadFrom() {
    RenamingTransform rename = new RenamingTransform("renamed-");
    start(PipelineFixture.settings().build());

    sink.put(List.of(rename.apply(record(0, null)), rename.apply(record(1, "bad"))));

    assertThat(sink.preCommit(Map.of(TP, new OffsetAndMetadata(0))))
        .isEqualTo(Map.of(TP, new OffsetAndMetadata(2)));
    assertThat(context.reported.get(0).record().topic()).isEqualTo("renamed-orders");
  }

  @Test
  void aPreparationThatFailsMidBatchHandsNothingOverSoTheRedeliveredBatchIsSentOnce() {
    start(PipelineFixture.settings().build());
    sender.autoSucceed();
    List<SinkRecord> records = List.of(record(0, "a"), record(1, null), record(2, "late"));
    streamReady = false;

    assertThatThrownBy(() -> sink.put(records)).isInstanceOf(RetriableException.class);
    sendNow();
    assertThat(sender.callCount()).as("nothing of the failed batch sent").isZero();
    // Connect offers the same records again.
    streamReady = true;
    sink.put(records);
    sendNow();

    assertThat(sender.sentEntries()).extracting(TestRecord::offset).containsExactly(0L, 2L);
    assertThat(sink.preCommit(Map.of(TP, new OffsetAndMetadata(0))))
        .containsEntry(TP, new OffsetAndMetadata(3));
  }

  @Test
  void aCommitWaitsForTheRecordsInFlightSoTheyAreCommittedNotSentAgainByTheNextOwner()
      throws Exception {
    // Connect calls preCommit just before it revokes partitions or stops the task: records
    // acknowledged after it would be sent again by the partitions' next owner.
    start(PipelineFixture.settings().commitWait(Duration.ofSeconds(10)).build());
    sink.put(List.of(record(0, "a"), record(1, null), record(2, "b")));
    // Answers from another thread, as AWS would, every call until the commit returned: one lane
    // sends one entry at a time, so "b" goes out only after "a" was answered.
    AtomicBoolean committed = new AtomicBoolean();
    Thread answering =
        new Thread(
            () -> {
              while (!committed.get()) {
                sender.succeedAll();
                LockSupport.parkNanos(1_000_000);
              }
            });
    answering.start();

    // No linger passes on the manual scheduler: only the commit's flush sends the records.
    Map<TopicPartition, OffsetAndMetadata> offsets =
        sink.preCommit(Map.of(TP, new OffsetAndMetadata(0)));
    committed.set(true);
    answering.join(10_000);

    assertThat(offsets).containsEntry(TP, new OffsetAndMetadata(3));
  }

  @Test
  void aCommitWaitsNoLongerThanItsBoundAndThenReportsWhatIsAcknowledged() {
    start(PipelineFixture.settings().commitWait(Duration.ofMillis(200)).build());
    sink.put(List.of(record(0, "a"), record(1, "b")));
    long start = System.nanoTime();

    Map<TopicPartition, OffsetAndMetadata> offsets =
        sink.preCommit(Map.of(TP, new OffsetAndMetadata(0)));

    // Sent by the flush, never answered: nothing to commit, and the bound held.
    assertThat(sender.callCount()).as("calls the flush made").isPositive();
    assertThat(offsets).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void putPausesThePartitionsAboveTheHighWatermarkAndResumesThemOnceAcknowledged() {
    start(
        PipelineFixture.settings()
            .bufferHighWatermarkBytes(20)
            .bufferLowWatermarkBytes(10)
            .build());

    sink.put(List.of(record(0, "a"), record(1, "b")));
    assertThat(context.paused).containsExactly(TP);

    for (int round = 0; round < 2; round++) {
      sendNow();
      sender.succeedAll();
    }
    sink.put(List.of());
    assertThat(context.paused).isEmpty();
  }

  @Test
  void aFatalFailureIsRethrownWithTheSinksHintAndStopClosesPipelineAndResources() {
    start(PipelineFixture.settings().build());
    sink.put(List.of(record(0, "a")));
    sendNow();

    sender.failEntries(0, java.util.Set.of(0), "AccessDeniedException");

    assertThatThrownBy(() -> sink.preCommit(Map.of()))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("AccessDeniedException")
        .hasMessageEndingWith(" Fix it.");
    assertThatThrownBy(() -> sink.put(List.of())).isInstanceOf(ConnectException.class);
    sink.stop();
    sink = null;
    assertThat(closed).containsExactly("client");
    assertThat(scheduler.isShutdown()).isTrue();
  }

  @Test
  void aPublisherGetsTheGaugesAndIsClosedOnStop() {
    start(PipelineFixture.settings().build());
    List<Supplier<Map<String, Number>>> published = new ArrayList<>();
    boolean[] started = {false};
    boolean[] stopped = {false};

    sink.publishMetrics(
        new GaugePublisher() {
          @Override
          public void add(Map<String, String> tags, Supplier<Map<String, Number>> gauges) {
            assertThat(tags).isEmpty();
            published.add(gauges);
          }

          @Override
          public void start() {
            started[0] = true;
          }

          @Override
          public void close() {
            stopped[0] = true;
          }
        });
    sink.stop();
    sink = null;

    assertThat(published)
        .singleElement()
        .satisfies(g -> assertThat(g.get()).containsKey("sink-own"));
    assertThat(started[0]).isTrue();
    assertThat(stopped[0]).isTrue();
  }

  @Test
  void theBuilderRejectsAMissingPreparation() {
    assertThatThrownBy(
            () ->
                DeliverySink.builder(
                    null, Packer.perRecord(TestRecord::self, TestRecord::size), sender))
        .isInstanceOf(NullPointerException.class);
  }
}
