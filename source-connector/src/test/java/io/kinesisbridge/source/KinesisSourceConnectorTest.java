package io.kinesisbridge.source;

import io.kinesisbridge.source.assign.TaskShards;
import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.RecordBatch;
import io.kinesisbridge.source.kinesis.ShardInfo;
import io.kinesisbridge.source.kinesis.ShardKey;
import io.kinesisbridge.source.kinesis.StartPosition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.SocketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisSourceConnectorTest {

  private final FakeKinesisReader kinesis = new FakeKinesisReader();
  private final FakeSourceContexts contexts = new FakeSourceContexts();
  private final KinesisSourceConnector connector = new KinesisSourceConnector(config -> kinesis);

  private static Map<String, String> props(Map<String, String> extra) {
    Map<String, String> props = new HashMap<>();
    props.put("kinesis.stream.name", "orders,payments");
    props.put("aws.region", "us-east-1");
    props.putAll(extra);
    return props;
  }

  @AfterEach
  void stop() {
    connector.stop();
  }

  private void start() {
    connector.initialize(contexts.connectorContext());
    connector.start(props(Map.of()));
  }

  @Test
  void aStartThatCannotListShardsClosesItsPortOnceAndAStopAfterwardsClosesNothingMore() {
    AtomicInteger closes = new AtomicInteger();
    KinesisReaderPort unreachable =
        new KinesisReaderPort() {
          @Override
          public List<ShardInfo> listShards(String stream) {
            throw new IllegalStateException("no route to Kinesis");
          }

          @Override
          public String shardIterator(ShardKey shard, StartPosition position) {
            throw new AssertionError("not reached");
          }

          @Override
          public RecordBatch getRecords(ShardKey shard, String iterator, int limit) {
            throw new AssertionError("not reached");
          }

          @Override
          public void close() {
            closes.incrementAndGet();
          }
        };
    KinesisSourceConnector failing = new KinesisSourceConnector(config -> unreachable);
    failing.initialize(contexts.connectorContext());

    assertThatThrownBy(() -> failing.start(props(Map.of())))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("Cannot list the shards");
    assertThat(closes.get()).as("closed by the failed start").isEqualTo(1);
    failing.stop();

    assertThat(closes.get()).as("closes after a stop too").isEqualTo(1);
  }

  /**
   * Connect starts the connector again on every config change: a network blip at that moment must
   * not fail it. It tries again, waiting a little longer each time.
   */
  @Test
  void aStartThroughABriefOutageListsTheShardsOnceKinesisAnswers() {
    kinesis.shard(ShardInfo.open("orders", "shardId-0"));
    kinesis.shard(ShardInfo.open("payments", "shardId-0"));
    kinesis.failListingNext(connectionReset(), connectionReset(), connectionReset());
    List<Long> waits = new ArrayList<>();
    KinesisSourceConnector patient = new KinesisSourceConnector(config -> kinesis, waits::add);
    patient.initialize(contexts.connectorContext());
    try {
      patient.start(props(Map.of()));

      assertThat(waits).containsExactly(1_000L, 2_000L, 4_000L);
      assertAssignsBothStreams(patient);
    } finally {
      patient.stop();
    }
  }

  /**
   * Past its patience the connector starts without tasks (they could not read either), rather than
   * failing for good or making Connect wait on it, and hands the shards out once it can list them.
   */
  @Test
  void aStartThroughALongOutageRunsWithoutTasksAndAssignsTheShardsOnceListed()
      throws InterruptedException {
    kinesis.shard(ShardInfo.open("orders", "shardId-0"));
    kinesis.shard(ShardInfo.open("payments", "shardId-0"));
    List<Long> waits = new ArrayList<>();
    kinesis.beginListingOutage(connectionReset());
    KinesisSourceConnector patient = new KinesisSourceConnector(config -> kinesis, waits::add);
    patient.initialize(contexts.connectorContext());
    try {
      patient.start(props(Map.of()));

      assertThat(waits.stream().mapToLong(Long::longValue).sum())
          .as("waited at start, ms")
          .isGreaterThanOrEqualTo(KinesisSourceConnector.START_PATIENCE.toMillis());
      assertThat(patient.taskConfigs(2)).as("tasks while the shards are unknown").isEmpty();
      kinesis.endListingOutage();
      awaitReconfigurations(1);
      assertAssignsBothStreams(patient);
    } finally {
      patient.stop();
    }
  }

  @Test
  void aStreamMissingAfterALongOutageFailsTheConnectorWithTheReason() throws InterruptedException {
    kinesis.shard(ShardInfo.open("orders", "shardId-0"));
    kinesis.shard(ShardInfo.open("payments", "shardId-0"));
    kinesis.failListingNext(resets(6));
    // Deleted while the connector waits: its next listing finds the stream gone.
    kinesis.deleteStream("orders");
    contexts.raised = new CopyOnWriteArrayList<>();
    KinesisSourceConnector patient = new KinesisSourceConnector(config -> kinesis, ms -> {});
    patient.initialize(contexts.connectorContext());
    try {
      patient.start(props(Map.of()));
      Instant deadline = Instant.now().plusSeconds(10);
      while (contexts.raised.isEmpty() && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }

      assertThat(contexts.raised)
          .singleElement()
          .satisfies(e -> assertThat(e).hasMessageContaining("Cannot list the shards"))
          .satisfies(e -> assertThat(e).hasMessageContaining("not found"));
      assertThat(contexts.reconfigurations.get()).isZero();
    } finally {
      patient.stop();
    }
  }

  private static void assertAssignsBothStreams(KinesisSourceConnector connector) {
    assertThat(connector.taskConfigs(2))
        .flatMap(c -> TaskShards.decode(c.get(TaskShards.CONFIG)))
        .extracting(ShardInfo::stream)
        .containsExactlyInAnyOrder("orders", "payments");
  }

  private void awaitReconfigurations(int count) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(10);
    while (contexts.reconfigurations.get() < count && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(contexts.reconfigurations.get()).as("reassignments asked for").isEqualTo(count);
  }

  private static RuntimeException[] resets(int count) {
    RuntimeException[] resets = new RuntimeException[count];
    Arrays.setAll(resets, i -> connectionReset());
    return resets;
  }

  private static SdkClientException connectionReset() {
    return SdkClientException.builder()
        .message("Unable to execute HTTP request: Connection reset")
        .cause(new SocketException("Connection reset"))
        .build();
  }

  @Test
  void shardsOfAllStreamsAreSpreadOverTheTasks() {
    for (int i = 0; i < 3; i++) {
      kinesis.shard(ShardInfo.open("orders", "shardId-" + i));
      kinesis.shard(ShardInfo.open("payments", "shardId-" + i));
    }
    start();

    List<Map<String, String>> configs = connector.taskConfigs(4);

    assertThat(configs).hasSize(4);
    assertThat(configs)
        .flatMap(c -> TaskShards.decode(c.get(TaskShards.CONFIG)))
        .hasSize(6)
        .doesNotHaveDuplicates();
    assertThat(configs.get(0)).containsEntry("kinesis.stream.name", "orders,payments");
  }

  @Test
  void aClosedShardWithAFinishedOffsetIsNotAssignedAgain() {
    kinesis.shard(new ShardInfo("orders", "shardId-0", null, null, true));
    kinesis.shard(new ShardInfo("orders", "shardId-1", "shardId-0", null, false));
    contexts.offsets.put(
        new HashMap<>(new ShardKey("orders", "shardId-0").toPartition()),
        Map.of("sequence", "1", "subsequence", 0L, "finished", true));
    start();

    List<Map<String, String>> configs = connector.taskConfigs(2);

    assertThat(configs).hasSize(1);
    assertThat(TaskShards.decode(configs.get(0).get(TaskShards.CONFIG)))
        .extracting(ShardInfo::shardId)
        .containsExactly("shardId-1");
  }

  @Test
  void exactlyOnceIsSupported() {
    assertThat(connector.exactlyOnceSupport(props(Map.of())))
        .isEqualTo(ExactlyOnceSupport.SUPPORTED);
  }

  @Test
  void offsetsOfTheRightShapeMayBeAltered() {
    Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
    offsets.put(
        Map.of("stream", "orders", "shard", "shardId-0"),
        Map.of("sequence", "42", "subsequence", 3));
    offsets.put(Map.of("stream", "orders", "shard", "shardId-1"), null);

    assertThat(connector.alterOffsets(props(Map.of()), offsets)).isTrue();
  }

  @Test
  void offsetsOfTheWrongShapeAreRefusedInPlainWords() {
    assertThatThrownBy(
            () ->
                connector.alterOffsets(
                    props(Map.of()), Map.of(Map.of("stream", "orders"), Map.of("sequence", "1"))))
        .isInstanceOf(ConnectException.class)
        .hasMessageContaining("{\"stream\": ..., \"shard\": ...}");
    assertThatThrownBy(
            () ->
                connector.alterOffsets(
                    props(Map.of()),
                    Map.of(Map.of("stream", "orders", "shard", "s"), Map.of("sequence", "abc"))))
        .hasMessageContaining("digits");
    assertThatThrownBy(
            () ->
                connector.alterOffsets(
                    props(Map.of()),
                    Map.of(
                        Map.of("stream", "orders", "shard", "s"),
                        Map.of("sequence", "1", "position", 3))))
        .hasMessageContaining("only the fields");
  }

  private static Map<String, List<String>> errors(Config config) {
    Map<String, List<String>> errors = new HashMap<>();
    for (ConfigValue value : config.configValues()) {
      if (!value.errorMessages().isEmpty()) {
        errors.put(value.name(), value.errorMessages());
      }
    }
    return errors;
  }

  @Test
  void aValidConfigHasNoErrors() {
    assertThat(errors(connector.validate(props(Map.of())))).isEmpty();
  }

  @Test
  void validateSaysWhatIsWrongInPlainWords() {
    Map<String, String> none = props(Map.of());
    none.remove("kinesis.stream.name");
    assertThat(errors(connector.validate(none)).get("kinesis.stream.name").get(0))
        .contains("kinesis.stream.name or kinesis.stream.arn");

    Map<String, String> both =
        props(Map.of("kinesis.stream.arn", "arn:aws:kinesis:us-east-1:123456789012:stream/x"));
    assertThat(errors(connector.validate(both))).containsKey("kinesis.stream.arn");

    Map<String, String> noTime = props(Map.of("kinesis.initial.position", "AT_TIMESTAMP"));
    assertThat(errors(connector.validate(noTime)).get("kinesis.initial.position.timestamp").get(0))
        .contains("needs a start time");

    Map<String, String> badTopic = props(Map.of("kafka.topic", "x-${topic}"));
    assertThat(errors(connector.validate(badTopic))).containsKey("kafka.topic");
  }

  @Test
  void enhancedFanOutNeedsAValidConsumerNameAndOnlyEfoTakesOne() {
    Map<String, String> unnamed = props(Map.of("kinesis.reader", "efo"));
    assertThat(errors(connector.validate(unnamed)).get("kinesis.efo.consumer.name").get(0))
        .contains("needs a stream consumer name");

    Map<String, String> badName =
        props(Map.of("kinesis.reader", "efo", "kinesis.efo.consumer.name", "my consumer"));
    assertThat(errors(connector.validate(badName)).get("kinesis.efo.consumer.name").get(0))
        .contains("is not a consumer name");

    Map<String, String> unused = props(Map.of("kinesis.efo.consumer.name", "bridge"));
    assertThat(errors(connector.validate(unused)).get("kinesis.efo.consumer.name").get(0))
        .contains("only used with kinesis.reader=efo");

    Map<String, String> good =
        props(Map.of("kinesis.reader", "EFO", "kinesis.efo.consumer.name", "bridge-1"));
    assertThat(errors(connector.validate(good))).isEmpty();
    assertThat(new KinesisSourceConfig(good).enhancedFanOut()).isTrue();
    assertThat(errors(connector.validate(props(Map.of("kinesis.reader", "push")))))
        .containsKey("kinesis.reader");
  }

  @Test
  void anAtTimestampStartIsReadFromTheConfig() {
    KinesisSourceConfig config =
        new KinesisSourceConfig(
            props(
                Map.of(
                    "kinesis.initial.position", "at_timestamp",
                    "kinesis.initial.position.timestamp", "2024-05-01T00:00:00Z")));

    assertThat(config.initialPosition().timestamp()).hasToString("2024-05-01T00:00:00Z");
    assertThat(config.topicFor("orders")).isEqualTo("orders");
    assertThat(config.streams()).containsExactly("orders", "payments");
  }

  @Test
  void aStreamArnGivesTheStreamName() {
    Map<String, String> props = props(Map.of());
    props.remove("kinesis.stream.name");
    props.put("kinesis.stream.arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks");

    assertThat(new KinesisSourceConfig(props).streams()).containsExactly("clicks");
  }

  @Test
  void streamArnsMayBeListedInTheStreamNameToo() {
    Map<String, String> props =
        props(
            Map.of(
                "kinesis.stream.name",
                "orders, arn:aws:kinesis:us-east-1:210987654321:stream/clicks"));

    assertThat(errors(connector.validate(props))).isEmpty();
    KinesisSourceConfig config = new KinesisSourceConfig(props);
    assertThat(config.streams()).containsExactly("orders", "clicks");
    assertThat(config.streamRefs().get(1).streamArnParameter())
        .isEqualTo("arn:aws:kinesis:us-east-1:210987654321:stream/clicks");
  }

  @Test
  void aStreamArnOutsideTheConfiguredRegionIsAnError() {
    Map<String, String> props = props(Map.of());
    props.remove("kinesis.stream.name");
    props.put("kinesis.stream.arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks");

    assertThat(errors(connector.validate(props)).get("aws.region").get(0))
        .contains("aws.region is us-east-1 but")
        .contains("stream/clicks is in eu-west-1");
  }

  @Test
  void streamArnsOfTwoRegionsAreAnErrorWithoutARegionSetting() {
    Map<String, String> props = props(Map.of());
    props.remove("kinesis.stream.name");
    props.remove("aws.region");
    props.put(
        "kinesis.stream.arn",
        "arn:aws:kinesis:eu-west-1:123456789012:stream/a,"
            + "arn:aws:kinesis:us-west-2:123456789012:stream/b");

    assertThat(errors(connector.validate(props)).get("aws.region").get(0))
        .contains("more than one region")
        .contains("run one connector per region");
  }

  @Test
  void twoStreamsOfOneNameInDifferentAccountsAreRefusedBecauseTheirOffsetsWouldMix() {
    Map<String, String> props = props(Map.of());
    props.remove("kinesis.stream.name");
    props.put(
        "kinesis.stream.arn",
        "arn:aws:kinesis:us-east-1:111111111111:stream/orders,"
            + "arn:aws:kinesis:us-east-1:222222222222:stream/orders");

    assertThat(errors(connector.validate(props)).get("kinesis.stream.arn").get(0))
        .contains("are both named 'orders'");
  }

  @Test
  void aMalformedArnInTheStreamNameIsReportedInPlainWords() {
    Map<String, String> props =
        props(Map.of("kinesis.stream.name", "arn:aws:kinesis:us-east-1:123456789012:orders"));

    assertThat(errors(connector.validate(props)).get("kinesis.stream.name").get(0))
        .contains("is not of the form <type>/<name>");
  }
}
