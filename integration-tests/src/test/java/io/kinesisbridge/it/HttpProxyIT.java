package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.ConnectProxy;
import io.kinesisbridge.testkit.DeaggregatedRecords;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kinesisbridge.it.SourceRecordChecks.distinctValues;
import static io.kinesisbridge.it.SourceRecordChecks.expected;
import static io.kinesisbridge.it.SourceRecordChecks.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Both Kinesis connectors from the real bundle behind an HTTP proxy with Basic authentication, as
 * on a worker in a corporate network: every byte to kinesis-mock goes through {@link ConnectProxy},
 * which counts it, and the emulator's address (localhost) must not bypass the proxy.
 *
 * <p>The test's own client (creating streams, checking records) talks to kinesis-mock directly.
 */
class HttpProxyIT {

  private static final String USER = "bridge";
  private static final String PASSWORD = "pr0xy-s3cret";
  private static final int RECORDS = 300;
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static final String PROXY_REFUSED = "407 Proxy Authentication Required";

  private static KinesisMock kinesis;
  private static EmbeddedConnectCluster connect;
  private static AwsClientFactory clients;
  private static KinesisClient client;

  private ConnectProxy proxy;

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
    clients = AwsClientFactory.create(AwsSettings.from(kinesis.awsSettings()));
    client = clients.kinesis();
    connect = SharedConnectCluster.acquire();
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      SharedConnectCluster.release();
    }
    if (client != null) {
      client.close();
      clients.close();
    }
    if (kinesis != null) {
      kinesis.close();
    }
  }

  @BeforeEach
  void startProxy() {
    proxy = ConnectProxy.startWithBasicAuth(USER, PASSWORD);
  }

  @AfterEach
  void stopProxy() {
    proxy.close();
  }

  /** kinesis-mock's plain port as the proxy sees it in CONNECT lines and absolute URIs. */
  private static String emulator() {
    return kinesis.plainEndpoint().getHost() + ":" + kinesis.plainPort();
  }

  private Map<String, String> proxied(String password) {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("aws.proxy.url", proxy.url().toString());
    config.put("aws.proxy.username", USER);
    config.put("aws.proxy.password", password);
    return config;
  }

  private static String fresh(String prefix) {
    return prefix + "-" + NEXT.incrementAndGet();
  }

  @Test
  void theSinkDeliversEveryRecordThroughTheProxy() {
    String topic = fresh("proxy-sink");
    String stream = topic + "-stream";
    KinesisStreams.createActive(client, stream, 2);
    TestProducer.createTopic(connect, topic, 2);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      records.add(new ProducerRecord<>(topic, i % 2, "key-" + (i % 20), value(i)));
    }
    TestProducer.send(connect, records);

    connect.configureConnector(topic, sinkConfig(topic, stream, PASSWORD));
    Set<String> delivered = awaitDistinct(stream, RECORDS, Duration.ofMinutes(2));
    connect.deleteConnector(topic);

    assertThat(delivered).isEqualTo(expected(RECORDS));
    assertThat(proxy.tunnels(emulator()))
        .as("CONNECT tunnels of the async (Netty) client; all: %s", proxy.tunnelsByTarget())
        .isPositive();
    assertThat(proxy.forwardedRequests(emulator()))
        .as(
            "requests of the sync (Apache) client while validating; all: %s",
            proxy.forwardedRequestsByTarget())
        .isPositive();
  }

  /**
   * Polling (sync Apache client: absolute-form requests to the plain port), enhanced fan-out over
   * HTTP/2 cleartext (Netty: CONNECT, then h2c inside the tunnel) and enhanced fan-out over TLS to
   * kinesis-mock's HTTPS port (both clients: CONNECT, then TLS with ALPN inside the tunnel).
   */
  @ParameterizedTest(name = "reader {0}")
  @ValueSource(strings = {"polling", "efo", "efo-tls"})
  void theSourceReadsEveryRecordThroughTheProxy(String reader) {
    String stream = fresh("proxy-source-" + reader);
    String topic = "kafka-" + stream;
    KinesisStreams.createActive(client, stream, 2);
    connect.kafka().createTopic(topic, 2);
    put(stream, RECORDS);

    boolean tls = reader.equals("efo-tls");
    Map<String, String> config = sourceConfig(stream, PASSWORD);
    config.put("kinesis.reader", reader.startsWith("efo") ? "efo" : "polling");
    if (reader.startsWith("efo")) {
      config.put("kinesis.efo.consumer.name", stream + "-consumer");
    }
    if (tls) {
      config.put("aws.endpoint.url", kinesis.tlsEndpoint().toString());
      config.put("aws.endpoint.tls.trust.all", "true");
    }
    connect.configureConnector(stream, config);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    connect.kafka().consume(RECORDS, Duration.ofMinutes(2).toMillis(), topic).forEach(records::add);
    connect.deleteConnector(stream);

    assertThat(distinctValues(records)).isEqualTo(expected(RECORDS));
    if (tls) {
      String target = kinesis.tlsEndpoint().getHost() + ":" + kinesis.tlsPort();
      assertThat(proxy.tunnels(target))
          .as("CONNECT tunnels to the HTTPS port; all: %s", proxy.tunnelsByTarget())
          .isPositive();
      assertThat(proxy.forwardedRequestsByTarget()).as("nothing sent in the clear").isEmpty();
      return;
    }
    assertThat(proxy.forwardedRequests(emulator()))
        .as("requests of the sync (Apache) client; all: %s", proxy.forwardedRequestsByTarget())
        .isPositive();
    if (reader.equals("efo")) {
      assertThat(proxy.tunnels(emulator()))
          .as("CONNECT tunnels of the HTTP/2 (Netty) client; all: %s", proxy.tunnelsByTarget())
          .isPositive();
    }
  }

  /**
   * Validation calls AWS through the proxy (the Apache client), gets the proxy's 407 and says so
   * against the password; Connect then refuses to create the connector.
   */
  @Test
  void aWrongProxyPasswordIsShownByValidateAndTheConnectorIsNotCreated() {
    String topic = fresh("proxy-denied");
    String stream = topic + "-stream";
    KinesisStreams.createActive(client, stream, 1);
    Map<String, String> sink = sinkConfig(topic, stream, "wrong-password");
    Map<String, String> source = sourceConfig(stream, "wrong-password");

    List<String> sinkErrors = validationErrors("KinesisSinkConnector", sink);
    List<String> sourceErrors = validationErrors("KinesisSourceConnector", source);
    Throwable refused = catchThrowable(() -> connect.configureConnector(topic, sink));

    assertThat(sinkErrors).singleElement().asString().contains(PROXY_REFUSED);
    assertThat(sourceErrors).singleElement().asString().contains(PROXY_REFUSED);
    assertThat(refused).hasMessageContaining(PROXY_REFUSED);
    assertThat(proxy.refusedAuthentication()).isPositive();
    assertThat(proxy.forwardedRequestsByTarget()).as("nothing got past the proxy").isEmpty();
  }

  /**
   * A password rotated at the proxy under a running sink: the proxy drops its connections, the
   * Netty client's new CONNECT tunnels are refused, and the task fails once the delivery timeout is
   * up, naming the proxy and the keys to fix.
   */
  @Test
  void whenTheProxyPasswordChangesUnderARunningSinkTheTaskFailsAtTheDeliveryTimeout() {
    String topic = fresh("proxy-rotated");
    String stream = topic + "-stream";
    KinesisStreams.createActive(client, stream, 1);
    TestProducer.createTopic(connect, topic, 1);
    Map<String, String> config = sinkConfig(topic, stream, PASSWORD);
    config.put("kinesis.retry.backoff.max.ms", "1000");
    config.put("kinesis.delivery.timeout.ms", "15000");
    connect.configureConnector(topic, config);
    produce(topic, 0, 50);
    assertThat(awaitDistinct(stream, 50, Duration.ofMinutes(1))).hasSize(50);

    proxy.rotateCredentials(USER, "rotated-" + PASSWORD);
    produce(topic, 50, 50);
    String trace = awaitFailedTaskTrace(topic, Duration.ofMinutes(2));
    connect.deleteConnector(topic);

    assertThat(trace).contains("within 15000 ms (the delivery timeout)").doesNotContain(PASSWORD);
    assertThat(proxy.refusedAuthentication()).isPositive();
  }

  private static List<String> validationErrors(String connectorClass, Map<String, String> config) {
    return connect.validateConnectorConfig(connectorClass, config).configs().stream()
        .filter(c -> c.configValue().name().equals("aws.proxy.password"))
        .flatMap(c -> c.configValue().errors().stream())
        .toList();
  }

  private static void produce(String topic, int from, int count) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      records.add(new ProducerRecord<>(topic, 0, "key-" + (i % 20), value(i)));
    }
    TestProducer.send(connect, records);
  }

  private Map<String, String> sinkConfig(String topic, String stream, String password) {
    Map<String, String> config = proxied(password);
    config.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    config.put("tasks.max", "1");
    config.put("topics", topic);
    config.put("kinesis.stream.name", stream);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  private Map<String, String> sourceConfig(String stream, String password) {
    Map<String, String> config = proxied(password);
    config.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    config.put("tasks.max", "1");
    config.put("kinesis.stream.name", stream);
    config.put("kafka.topic", "kafka-${stream}");
    config.put("kinesis.poll.interval.ms", "300");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return config;
  }

  private static void put(String stream, int count) {
    List<PutRecordsRequestEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      entries.add(
          PutRecordsRequestEntry.builder()
              .partitionKey("key-" + (i % 20))
              .data(SdkBytes.fromUtf8String(value(i)))
              .build());
    }
    KinesisStreams.putAll(client, stream, entries);
  }

  private static Set<String> awaitDistinct(String stream, int expected, Duration timeout) {
    KinesisReader reader = new KinesisReader(client);
    Instant deadline = Instant.now().plus(timeout);
    Set<String> values = distinct(reader.readAllDeaggregated(stream));
    while (values.size() < expected && Instant.now().isBefore(deadline)) {
      sleep(Duration.ofSeconds(2));
      values = distinct(reader.readAllDeaggregated(stream));
    }
    return values;
  }

  private static Set<String> distinct(DeaggregatedRecords records) {
    Set<String> values = new TreeSet<>();
    records.userRecords().forEach(r -> values.add(r.utf8()));
    return values;
  }

  private static String awaitFailedTaskTrace(String connector, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        for (ConnectorStateInfo.TaskState task : connect.connectorStatus(connector).tasks()) {
          if ("FAILED".equals(task.state())) {
            return task.trace();
          }
        }
      } catch (RuntimeException notYetThere) {
        // The connector's status appears a moment after it is created.
      }
      sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("no task of " + connector + " failed within " + timeout);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
