package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.Packer.Packed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestLimitsTest {

  private static PipelineFixture<TestRecord> unordered(long maxRequestBytes) {
    PipelineFixture<TestRecord> fixture =
        PipelineFixture.perRecord(
            PipelineFixture.settings()
                .ordered(false)
                .maxEntriesPerRequest(500)
                .maxRequestBytes(maxRequestBytes)
                .build());
    fixture.sender.autoSucceed();
    return fixture;
  }

  @ParameterizedTest(name = "{0} records make requests of {1} entries")
  @CsvSource({"1, 1", "499, 499", "500, 500", "501, 500 1", "1000, 500 500", "1001, 500 500 1"})
  void requestsCarryAtMostTheEntryLimit(int records, String expectedSizes) {
    try (PipelineFixture<TestRecord> fixture = unordered(5L * 1024 * 1024)) {
      List<TestRecord> submitted = fixture.submitMany(records, 10);

      fixture.sendNow();

      assertThat(fixture.sender.calls())
          .extracting(call -> call.entries().size())
          .containsExactlyElementsOf(sizes(expectedSizes));
      assertThat(fixture.sender.sentEntries()).containsExactlyElementsOf(submitted);
    }
  }

  @ParameterizedTest(name = "records of {0} bytes make requests of {1} entries")
  @CsvSource({
    "500 500, 2",
    "500 501, 1 1",
    "1000, 1",
    "999 1, 2",
    "999 2, 1 1",
    "400 400 200 1, 3 1"
  })
  void requestsCarryAtMostTheByteLimit(String recordSizes, String expectedSizes) {
    try (PipelineFixture<TestRecord> fixture = unordered(1000)) {
      for (int size : sizes(recordSizes)) {
        fixture.submit(0, size);
      }

      fixture.sendNow();

      assertThat(fixture.sender.calls())
          .extracting(call -> call.entries().size())
          .containsExactlyElementsOf(sizes(expectedSizes));
    }
  }

  @Test
  void aFullRequestGoesAtOnceWithoutWaitingForLinger() {
    try (PipelineFixture<TestRecord> fixture = unordered(5L * 1024 * 1024)) {
      fixture.submitMany(499, 10);
      assertThat(fixture.sender.callCount()).isZero();

      fixture.submitMany(1, 10);

      assertThat(fixture.sender.callCount()).isEqualTo(1);
    }
  }

  @Test
  void aRecordOfExactlyTheRequestSizeTravelsAlone() {
    try (PipelineFixture<TestRecord> fixture = unordered(1000)) {
      fixture.submit(0, 10);
      fixture.submit(0, 1000);
      fixture.submit(0, 10);

      fixture.sendNow();

      assertThat(fixture.sender.calls())
          .extracting(call -> call.entries().stream().map(TestRecord::size).toList())
          .containsExactly(List.of(10), List.of(1000), List.of(10));
      assertThat(fixture.pipeline.fatalFailure()).isEmpty();
    }
  }

  @Test
  void aRecordLargerThanAnyRequestIsRefusedAtSubmit() {
    try (PipelineFixture<TestRecord> fixture = unordered(1000)) {
      assertThatThrownBy(() -> fixture.submit(3, 1001))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("orders-3")
          .hasMessageContaining("1001 bytes")
          .hasMessageContaining("dead letter queue");
      assertThat(fixture.pipeline.stats().bufferedRecords()).isZero();
    }
  }

  @Test
  void aRecordWhoseEntryOutgrowsEveryRequestIsAFatalFailureNamingItsPartition() {
    Packer<TestRecord, TestRecord> overhead =
        Packer.perRecord(record -> record, record -> record.size() + 10L);
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.with(
            overhead, PipelineFixture.settings().maxRequestBytes(1000).build(), b -> b)) {
      fixture.submit(2, 995);

      fixture.sendNow();

      assertThat(fixture.sender.callCount()).isZero();
      assertThat(fixture.pipeline.fatalFailure())
          .hasValueSatisfying(
              failure ->
                  assertThat(failure.message())
                      .contains("topic-partition orders-2", "offset 0", "fits in no request"));
    }
  }

  @Test
  void aPackerTakingFewerRecordsThanOfferedIsAskedAgainAndKeepsTheOrder() {
    Packer<TestRecord, List<TestRecord>> threeAtATime =
        (run, budget) -> {
          List<Packed<List<TestRecord>>> packed = new ArrayList<>();
          int records = Math.min(3, run.size());
          packed.add(new Packed<>(List.copyOf(run.subList(0, records)), records, records * 10L));
          return packed;
        };
    try (PipelineFixture<List<TestRecord>> fixture =
        PipelineFixture.with(
            threeAtATime,
            PipelineFixture.settings().ordered(false).maxEntriesPerRequest(2).build(),
            b -> b)) {
      fixture.sender.autoSucceed();
      List<TestRecord> submitted = fixture.submitMany(10, 10);

      fixture.sendNow();

      assertThat(fixture.sender.calls())
          .extracting(call -> call.entries().stream().mapToInt(List::size).boxed().toList())
          .containsExactly(List.of(3, 3), List.of(3, 1));
      assertThat(fixture.sender.sentEntries().stream().flatMap(List::stream))
          .containsExactlyElementsOf(submitted);
      assertThat(fixture.pipeline.committable()).containsEntry(TestRecord.tp(0), 10L);
    }
  }

  @Test
  void aPackerBreakingItsBudgetStopsThePipelineInsteadOfOverfillingARequest() {
    Packer<TestRecord, TestRecord> greedy =
        (run, budget) -> List.of(new Packed<>(run.get(0), 1, budget.maxBytes() + 1));
    try (PipelineFixture<TestRecord> fixture =
        PipelineFixture.with(greedy, PipelineFixture.settings().build(), b -> b)) {
      fixture.submit(0, 10);

      fixture.sendNow();

      assertThat(fixture.sender.callCount()).isZero();
      assertThat(fixture.pipeline.fatalFailure())
          .hasValueSatisfying(f -> assertThat(f.message()).contains("broke its contract"));
    }
  }

  private static List<Integer> sizes(String text) {
    return Arrays.stream(text.trim().split("\\s+")).map(Integer::valueOf).toList();
  }
}
