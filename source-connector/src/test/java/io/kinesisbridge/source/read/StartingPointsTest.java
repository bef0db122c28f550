package io.kinesisbridge.source.read;

import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;
import io.kinesisbridge.source.offset.ShardOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class StartingPointsTest {

  private static final ShardInfo OPEN_PARENT = ShardInfo.open("orders", "shardId-0");
  private static final ShardInfo CLOSED_PARENT =
      new ShardInfo("orders", "shardId-0", null, null, true);
  private static final ShardInfo CHILD =
      new ShardInfo("orders", "shardId-1", "shardId-0", null, false);
  private static final ShardKey PARENT = OPEN_PARENT.key();

  static Stream<Arguments> initialPositions() {
    return Stream.of(
        Arguments.of(StartPosition.latest()),
        Arguments.of(StartPosition.atTimestamp(Instant.parse("2026-01-01T00:00:00Z"))));
  }

  private static StartPosition childStart(
      List<ShardInfo> assigned, Map<ShardKey, ShardOffset> committed, StartPosition initial) {
    List<ShardInfo> shards = new ArrayList<>(assigned);
    shards.add(CHILD);
    return StartingPoints.cursors(shards, committed, initial, () -> 0L).stream()
        .filter(cursor -> cursor.key().equals(CHILD.key()))
        .findFirst()
        .orElseThrow()
        .startPosition();
  }

  @ParameterizedTest
  @MethodSource("initialPositions")
  void aChildOfAClosedParentNeverReadHonoursTheInitialPosition(StartPosition initial) {
    assertThat(childStart(List.of(CLOSED_PARENT), Map.of(), initial)).isEqualTo(initial);
  }

  @ParameterizedTest
  @MethodSource("initialPositions")
  void aChildOfAParentNotAssignedAndNeverReadHonoursTheInitialPosition(StartPosition initial) {
    assertThat(childStart(List.of(), Map.of(), initial)).isEqualTo(initial);
  }

  @ParameterizedTest
  @MethodSource("initialPositions")
  void aChildOfAParentWithACommittedOffsetStartsAtTrimHorizon(StartPosition initial) {
    Map<ShardKey, ShardOffset> committed = Map.of(PARENT, new ShardOffset("49000000", 0, false));

    assertThat(childStart(List.of(CLOSED_PARENT), committed, initial))
        .isEqualTo(StartPosition.trimHorizon());
    assertThat(childStart(List.of(), committed, initial)).isEqualTo(StartPosition.trimHorizon());
  }

  @ParameterizedTest
  @MethodSource("initialPositions")
  void aChildOfAnOpenParentReadHereStartsAtTrimHorizon(StartPosition initial) {
    assertThat(childStart(List.of(OPEN_PARENT), Map.of(), initial))
        .isEqualTo(StartPosition.trimHorizon());
  }
}
