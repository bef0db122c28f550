package io.kinesisbridge.common.sink;

import io.kinesisbridge.common.sink.BatchSender.EntryOutcome;
import io.kinesisbridge.common.sink.BatchSender.SuccessInspector;
import io.kinesisbridge.common.sink.Verdicts.Action;
import io.kinesisbridge.common.sink.Verdicts.Entry;
import io.kinesisbridge.common.sink.Verdicts.Judgement;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictsTest {

  private static final SuccessInspector<String> ACCEPT_ALL = SuccessInspector.acceptAll();
  private static final List<String> ENTRIES = List.of("a", "b", "c");
  private static final List<String> SHARDS = List.of("shard-0", "shard-1", "shard-1");
  private static final EntryOutcome OK = EntryOutcome.succeeded();
  private static final EntryOutcome THROTTLED =
      EntryOutcome.failed("ProvisionedThroughputExceededException", "Rate exceeded for shard");

  private static List<Action> actions(Judgement judgement) {
    return judgement.entries().stream().map(Entry::action).toList();
  }

  @Test
  void anAnswerOfSuccessesAcknowledgesEveryEntryAndSpeedsEveryLimiterUp() {
    Judgement judgement = Verdicts.judge(ENTRIES, SHARDS, List.of(OK, OK, OK), null, ACCEPT_ALL);

    assertThat(actions(judgement)).containsOnly(Action.ACKNOWLEDGE);
    assertThat(judgement.streamSucceeded()).isTrue();
    assertThat(judgement.streamThrottled()).isFalse();
    assertThat(judgement.shardsThrottled()).isEqualTo(Map.of("shard-0", false, "shard-1", false));
  }

  @Test
  void aThrottledEntrySlowsItsShardOnlyAndIsRetriedWithAwsMessage() {
    Judgement judgement =
        Verdicts.judge(ENTRIES, SHARDS, List.of(OK, THROTTLED, OK), null, ACCEPT_ALL);

    assertThat(actions(judgement))
        .containsExactly(Action.ACKNOWLEDGE, Action.RETRY, Action.ACKNOWLEDGE);
    assertThat(judgement.entries().get(1).reason()).endsWith(" - Rate exceeded for shard");
    assertThat(judgement.shardsThrottled()).isEqualTo(Map.of("shard-0", false, "shard-1", true));
    assertThat(judgement.streamThrottled()).isFalse();
  }

  @Test
  void aThrottledEntryWithoutAShardSlowsTheStream() {
    Judgement judgement =
        Verdicts.judge(
            ENTRIES, Arrays.asList(null, null, null), List.of(OK, THROTTLED, OK), null, ACCEPT_ALL);

    assertThat(judgement.streamThrottled()).isTrue();
    assertThat(judgement.shardsThrottled()).isEmpty();
  }

  @Test
  void aFatalErrorCodeFailsItsEntryAlone() {
    Judgement judgement =
        Verdicts.judge(
            ENTRIES,
            SHARDS,
            List.of(OK, EntryOutcome.failed("AccessDeniedException", "no"), OK),
            null,
            ACCEPT_ALL);

    assertThat(actions(judgement))
        .containsExactly(Action.ACKNOWLEDGE, Action.FAIL, Action.ACKNOWLEDGE);
    assertThat(judgement.entries().get(1).classification().isFatal()).isTrue();
  }

  @Test
  void aSuccessTheInspectorRejectsIsRetried() {
    SuccessInspector<String> rejectB = (entry, outcome) -> !"b".equals(entry);

    Judgement judgement = Verdicts.judge(ENTRIES, SHARDS, List.of(OK, OK, OK), null, rejectB);

    assertThat(actions(judgement))
        .containsExactly(Action.ACKNOWLEDGE, Action.RETRY, Action.ACKNOWLEDGE);
    assertThat(judgement.entries().get(1).classification().code()).isEqualTo("UnexpectedShard");
  }

  @Test
  void aFailedCallRetriesEveryEntryAndOnlyAThrottledCallSlowsTheStream() {
    Judgement reset =
        Verdicts.judge(ENTRIES, SHARDS, null, new IOException("connection reset"), ACCEPT_ALL);
    Judgement throttled =
        Verdicts.judge(
            ENTRIES,
            SHARDS,
            null,
            ServiceUnavailableException.builder().message("Slow down.").build(),
            ACCEPT_ALL);

    assertThat(actions(reset)).containsOnly(Action.RETRY).hasSize(3);
    assertThat(reset.streamThrottled()).isFalse();
    assertThat(reset.streamSucceeded()).isFalse();
    assertThat(actions(throttled)).containsOnly(Action.RETRY);
    assertThat(throttled.streamThrottled()).isTrue();
    assertThat(throttled.shardsThrottled()).as("the call, not a shard, was throttled").isEmpty();
  }

  @Test
  void aFatalCallFailsEveryEntry() {
    Judgement judgement =
        Verdicts.judge(
            ENTRIES,
            SHARDS,
            null,
            ResourceNotFoundException.builder().message("Stream not found").build(),
            ACCEPT_ALL);

    assertThat(actions(judgement)).containsOnly(Action.FAIL).hasSize(3);
  }

  @Test
  void anAnswerWithTheWrongNumberOfOutcomesIsNoAnswer() {
    assertThat(Verdicts.judge(ENTRIES, SHARDS, List.of(OK), null, ACCEPT_ALL).answered()).isFalse();
    assertThat(Verdicts.judge(ENTRIES, SHARDS, null, null, ACCEPT_ALL).answered()).isFalse();
  }
}
