package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisRecord;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.kinesisbridge.it.SourceRecordChecks.assertShardOrder;
import static io.kinesisbridge.it.SourceRecordChecks.expected;
import static io.kinesisbridge.it.SourceRecordChecks.header;
import static io.kinesisbridge.it.SourceRecordChecks.text;
import static io.kinesisbridge.it.SourceRecordChecks.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exactly-once delivery of the Kinesis source across a worker crash: a distributed worker in its
 * own JVM is killed with SIGKILL while it copies a stream by enhanced fan-out, a new worker of the
 * same Connect cluster takes over, and a read_committed consumer sees every Kinesis record exactly
 * once. The polling reader goes through the same (and more) on a three-worker cluster in {@link
 * ConnectClusterIT}; the reader is a parameter so that polling can be run here too: {@code
 * -Dsource.crash.it.readers=polling,efo}.
 */
class KinesisSourceCrashIT {

  /** Records of the first batch put per call while worker A runs, and the pause between calls. */
  private static final int TRICKLE_RECORDS = 50;

  private static final Duration TRICKLE_PAUSE = Duration.ofMillis(150);

  /** Records of the first batch the trickle has put so far. */
  private static final AtomicInteger trickled = new AtomicInteger();

  /** The names of one run: each reader mode gets its own stream, topic and Connect cluster. */
  private record Run(String reader, String stream, String topic, String connector, String group) {
    static Run of(String reader) {
      return new Run(
          reader,
          "crash-it-" + reader,
          "kafka-crash-it-" + reader,
          "kinesis-source-crash-" + reader,
          "connect-crash-it-" + reader);
    }
  }

  private static final int BATCH = 3_000;
  private static final int KEYS = 40;
  private static final Map<String, Object> READ_COMMITTED =
      Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");

  private static KinesisMock kinesis;
  private static AwsClientFactory clients;
  private static KinesisClient client;
  private static EmbeddedKafkaCluster kafka;

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
    clients = AwsClientFactory.create(AwsSettings.from(kinesis.awsSettings()));
    client = clients.kinesis();
    kafka = SingleBroker.start();
  }

  @AfterAll
  static void stop() {
    if (kafka != null) {
      kafka.stop();
    }
    if (client != null) {
      client.close();
      clients.close();
    }
    if (kinesis != null) {
      kinesis.close();
    }
  }

  @Test
  void theWorkerRunsTheBundleFromPluginPathOnly() throws Exception {
    try (URLClassLoader workerClassPath = classLoaderOf(ConnectWorkerProcess.workerClassPath())) {
      assertThat(workerClassPath.loadClass("org.apache.kafka.connect.cli.ConnectDistributed"))
          .isNotNull();
      assertThatThrownBy(
              () -> workerClassPath.loadClass("io.kinesisbridge.source.KinesisSourceConnector"))
          .isInstanceOf(ClassNotFoundException.class);
      assertThatThrownBy(() -> workerClassPath.loadClass("io.kinesisbridge.common.aws.AwsSettings"))
          .isInstanceOf(ClassNotFoundException.class);
    }
  }

  /** {@code efo} unless {@code -Dsource.crash.it.readers} lists others. */
  static Stream<String> readers() {
    return Arrays.stream(System.getProperty("source.crash.it.readers", "efo").split(","))
        .map(String::trim);
  }

  /**
   * The first batch trickles in while worker A copies it (enhanced fan-out would drain a backlog
   * before any kill point), so the kill always lands mid-stream; the rest of the batch and a second
   * batch arrive while no worker runs or while worker B takes over.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void withExactlyOnceSupportAWorkerKilledMidRunAndRestartedDeliversEachRecordOnce(String reader)
      throws InterruptedException {
    Run run = Run.of(reader);
    KinesisStreams.createActive(client, run.stream(), 4);
    kafka.createTopic(run.topic(), 4);

    trickled.set(0);
    CountDownLatch killed = new CountDownLatch(1);
    AtomicInteger putAtKill = new AtomicInteger(-1);
    Thread trickle = new Thread(() -> trickle(run, BATCH, killed), "crash-it-trickle");
    try (ConnectWorkerProcess first = startWorker(run, "worker-a-" + reader)) {
      first.putConnectorConfig(run.connector(), sourceConfig(run));
      trickle.start();
      kafka.consume(500, Duration.ofMinutes(2).toMillis(), READ_COMMITTED, run.topic());
      assertThat(first.killHard()).as("exit code of the SIGKILLed worker (128 + 9)").isEqualTo(137);
    } finally {
      putAtKill.set(trickled.get());
      killed.countDown();
    }
    // Worker A can commit nothing more; its open transaction hides what it committed after the
    // transaction's start until worker B fences it, so this is a lower bound.
    List<ConsumerRecord<byte[], byte[]>> atCrash = readAllCommitted(run.topic());
    assertThat(putAtKill.get()).as("records of the first batch put at the kill").isLessThan(BATCH);
    assertThat(atCrash).as("records committed when worker A died").hasSizeBetween(500, BATCH - 1);
    trickle.join();

    put(run, BATCH, BATCH);
    try (ConnectWorkerProcess second = startWorker(run, "worker-b-" + reader)) {
      awaitEveryPayload(run, 2 * BATCH, Duration.ofMinutes(2));
      // Once stopped, the tasks have committed their last transaction and add nothing: a
      // duplicate written after the last missing record would still be counted below.
      second.stopConnector(run.connector());
      second.awaitConnectorState(run.connector(), "STOPPED");
    }
    List<ConsumerRecord<byte[], byte[]>> records = readAllCommitted(run.topic());

    // The stream itself must hold each payload once, or a duplicate could be the put's retry.
    Map<String, String> stored = new TreeMap<>();
    new KinesisReader(client).readAll(run.stream()).forEach(r -> stored.put(identity(r), r.utf8()));
    assertThat(new HashSet<>(stored.values()))
        .hasSize(stored.size())
        .isEqualTo(expected(2 * BATCH));

    Map<Integer, Long> lastOffsetAtCrash = new TreeMap<>();
    atCrash.forEach(r -> lastOffsetAtCrash.merge(r.partition(), r.offset(), Math::max));
    String crash =
        "committed before the crash: last per shard "
            + lastPerShard(atCrash)
            + ", last offset per partition "
            + lastOffsetAtCrash;
    Map<String, List<String>> copies = new TreeMap<>();
    records.forEach(
        r ->
            copies
                .computeIfAbsent(identity(r), k -> new ArrayList<>())
                .add(r.partition() + "@" + r.offset()));
    Map<String, List<String>> duplicated = new TreeMap<>(copies);
    duplicated.values().removeIf(where -> where.size() == 1);
    Map<String, String> lost = new TreeMap<>(stored);
    lost.keySet().removeAll(copies.keySet());
    SoftAssertions.assertSoftly(
        softly -> {
          softly.assertThat(lost).as("never delivered (%s)", crash).isEmpty();
          softly
              .assertThat(duplicated)
              .as(
                  "delivered more than once, at partition@offset (%s; committed source offsets,"
                      + " first and count per shard: %s)",
                  crash, committedSourceOffsets(run))
              .isEmpty();
        });
    assertThat(records.stream().map(r -> text(r.value())).collect(Collectors.toSet()))
        .isEqualTo(expected(2 * BATCH));
    assertThat(records).as("records, each payload once").hasSize(2 * BATCH);
    assertShardOrder(records);
    assertThat(records.stream().map(r -> header(r, "kinesis.shard.id")).distinct().count())
        .as("shards read")
        .isEqualTo(4);
  }

  /** A worker of the one Connect cluster of this test, ready to serve requests. */
  private static ConnectWorkerProcess startWorker(Run run, String name) {
    Map<String, String> worker = new HashMap<>(ConnectWorkerProcess.quickFailover());
    worker.put("exactly.once.source.support", "enabled");
    ConnectWorkerProcess process =
        ConnectWorkerProcess.start(name, kafka.bootstrapServers(), run.group(), worker);
    try {
      process.waitUntilRestReady();
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return process;
  }

  private static Map<String, String> sourceConfig(Run run) {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    config.put("tasks.max", "2");
    config.put("kinesis.stream.name", run.stream());
    config.put("kinesis.reader", run.reader());
    if (run.reader().equals("efo")) {
      config.put("kinesis.efo.consumer.name", run.connector());
    }
    config.put("kafka.topic", "kafka-${stream}");
    config.put("kinesis.poll.interval.ms", "300");
    // Small reads (at most 5 per shard and second) keep the copy running when the worker dies.
    config.put("kinesis.poll.max.records", "50");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    config.put("exactly.once.support", "required");
    return config;
  }

  /**
   * Puts records {@code 0..count-1} in small calls with pauses between them, so the copy is running
   * when the worker dies. Whatever the machine's speed, the last call waits for {@code killed}: the
   * kill always lands before the batch is complete, and records still arrive afterwards.
   */
  private static void trickle(Run run, int count, CountDownLatch killed) {
    try {
      int next = 0;
      for (; next < count - TRICKLE_RECORDS && killed.getCount() > 0; next += TRICKLE_RECORDS) {
        put(run, next, TRICKLE_RECORDS);
        trickled.set(next + TRICKLE_RECORDS);
        Thread.sleep(TRICKLE_PAUSE.toMillis());
      }
      if (!killed.await(5, TimeUnit.MINUTES)) {
        throw new IllegalStateException("the worker was not killed within 5 minutes");
      }
      put(run, next, count - next);
      trickled.set(count);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Puts values {@code r-<index>} with partition keys {@code key-<index % 40>}. */
  private static void put(Run run, int from, int count) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>(count);
    for (int i = from; i < from + count; i++) {
      entries.add(
          PutRecordsRequestEntry.builder()
              .partitionKey("key-" + (i % KEYS))
              .data(SdkBytes.fromUtf8String(value(i)))
              .build());
    }
    KinesisStreams.putAll(client, run.stream(), entries);
  }

  /**
   * Waits until every payload up to {@code count} is committed, or the timeout passed: the
   * assertions after it tell what is missing. A count of records would not do: duplicates reach it
   * before the last records are copied.
   */
  private static void awaitEveryPayload(Run run, int count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Set<String> expected = expected(count);
    while (Instant.now().isBefore(deadline)) {
      Set<String> seen = new HashSet<>();
      readAllCommitted(run.topic()).forEach(r -> seen.add(text(r.value())));
      if (seen.containsAll(expected)) {
        return;
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAllCommitted(String topic) {
    return CommittedRecords.readAll(kafka, topic);
  }

  private static URLClassLoader classLoaderOf(String classPath) throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      urls.add(new File(entry).toURI().toURL());
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  /** Where a record came from, shard and sequence number, with its payload for the reader. */
  private static String identity(ConsumerRecord<byte[], byte[]> record) {
    return header(record, "kinesis.shard.id")
        + "/"
        + header(record, "kinesis.sequence.number")
        + " "
        + text(record.value());
  }

  private static String identity(KinesisRecord record) {
    return record.shardId() + "/" + record.sequenceNumber() + " " + record.utf8();
  }

  /**
   * The first committed source offset of each shard and how many there are, read from the workers'
   * offsets topic: tells a worker that ignored offsets from one that never had them.
   */
  private static Map<String, String> committedSourceOffsets(Run run) {
    Map<String, List<String>> byKey = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAllCommitted(run.group() + "-offsets")) {
      if (r.key() != null && r.value() != null && text(r.key()).contains(run.connector())) {
        byKey.computeIfAbsent(text(r.key()), k -> new ArrayList<>()).add(text(r.value()));
      }
    }
    Map<String, String> summary = new TreeMap<>();
    byKey.forEach((key, values) -> summary.put(key, values.get(0) + " x" + values.size()));
    return summary;
  }

  /** The highest payload of each shard among {@code records}, to locate a failure. */
  private static Map<String, String> lastPerShard(List<ConsumerRecord<byte[], byte[]>> records) {
    Map<String, String> last = new TreeMap<>();
    records.forEach(
        r ->
            last.merge(
                header(r, "kinesis.shard.id"),
                text(r.value()),
                (a, b) -> a.compareTo(b) > 0 ? a : b));
    return last;
  }
}
