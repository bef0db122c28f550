package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.ConnectProxy;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets never reach the worker's log: a worker in its own JVM (so its log is a file of its own)
 * runs a Kinesis sink and a Kinesis source with distinctive secret values, through an HTTP proxy
 * that wants a password, with our loggers at DEBUG; a validation with a wrong proxy password goes
 * through the error path too. Then the whole log is searched for each secret.
 */
class SecretsNotLoggedIT {

  private static final String SECRET_KEY = "SecretKeyThatMustNeverBeLogged-7f3a9c";
  private static final String SESSION_TOKEN = "SessionTokenThatMustNeverBeLogged-51be0d";
  private static final String PROXY_USER = "bridge-user";
  private static final String PROXY_PASSWORD = "ProxyPasswordThatMustNeverBeLogged-c4d2e8";
  private static final String WRONG_PROXY_PASSWORD = "WrongProxyPasswordNeverLogged-93a1f0";
  private static final int RECORDS = 200;

  private static KinesisMock kinesis;
  private static AwsClientFactory clients;
  private static KinesisClient client;
  private static EmbeddedKafkaCluster kafka;
  private static ConnectProxy proxy;

  @BeforeAll
  static void start() {
    kinesis = KinesisMock.start();
    clients = AwsClientFactory.create(AwsSettings.from(kinesis.awsSettings()));
    client = clients.kinesis();
    Properties broker = new Properties();
    broker.put("offsets.topic.replication.factor", "1");
    kafka = new EmbeddedKafkaCluster(1, broker);
    kafka.start();
    proxy = ConnectProxy.startWithBasicAuth(PROXY_USER, PROXY_PASSWORD);
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
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
  void aSinkAndASourceRunWithoutWritingAnySecretToTheWorkersLog() throws Exception {
    String stream = "secrets-stream";
    KinesisStreams.createActive(client, stream, 2);
    kafka.createTopic("secrets-in", 2);
    kafka.createTopic("secrets-out", 2);
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      records.add(new ProducerRecord<>("secrets-in", i % 2, "key-" + (i % 10), "value-" + i));
    }
    TestProducer.send(kafka.bootstrapServers(), records);

    String log;
    try (ConnectWorkerProcess worker =
        ConnectWorkerProcess.start(
            "secrets-worker", kafka.bootstrapServers(), "secrets", Map.of())) {
      worker.waitUntilRestReady();
      worker.setLogLevel("io.kinesisbridge", "DEBUG");

      var refused = worker.validate(sinkConfig(stream, WRONG_PROXY_PASSWORD));
      assertThat(refused.get("error_count").asInt())
          .as("validation with a wrong proxy password")
          .isPositive();

      worker.putConnectorConfig("secrets-sink", sinkConfig(stream, PROXY_PASSWORD));
      worker.putConnectorConfig("secrets-source", sourceConfig(stream));
      int copied = kafka.consume(RECORDS, Duration.ofMinutes(2).toMillis(), "secrets-out").count();
      assertThat(copied)
          .as("records through sink, Kinesis and source")
          .isGreaterThanOrEqualTo(RECORDS);
      worker.stopConnector("secrets-sink");
      worker.stopConnector("secrets-source");
      worker.awaitConnectorState("secrets-source", "STOPPED");
      log = Files.readString(worker.log());
    }

    // The grep works on the right file: the connectors' non-secret settings and Connect's masked
    // dump of the secret keys are there.
    assertThat(log)
        .contains("secrets-sink")
        .contains("secrets-source")
        .contains(PROXY_USER)
        .contains("aws.secret.access.key = [hidden]");
    assertThat(proxy.tunnelsByTarget()).as("connections through the proxy").isNotEmpty();
    for (String secret : List.of(SECRET_KEY, SESSION_TOKEN, PROXY_PASSWORD, WRONG_PROXY_PASSWORD)) {
      assertThat(log.contains(secret)).as("the worker's log contains %s", secret).isFalse();
    }
  }

  /** kinesis-mock takes any credentials; these carry the secrets the log must not show. */
  private static Map<String, String> secrets(String proxyPassword) {
    Map<String, String> config = new HashMap<>(kinesis.awsSettings());
    config.put("aws.credentials.provider", "static");
    config.put("aws.access.key.id", "AKIDNOTSECRET");
    config.put("aws.secret.access.key", SECRET_KEY);
    config.put("aws.session.token", SESSION_TOKEN);
    config.put("aws.proxy.url", proxy.url().toString());
    config.put("aws.proxy.username", PROXY_USER);
    config.put("aws.proxy.password", proxyPassword);
    return config;
  }

  private static Map<String, String> sinkConfig(String stream, String proxyPassword) {
    Map<String, String> config = secrets(proxyPassword);
    config.put("name", "secrets-sink");
    config.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    config.put("tasks.max", "1");
    config.put("topics", "secrets-in");
    config.put("kinesis.stream.name", stream);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  private static Map<String, String> sourceConfig(String stream) {
    Map<String, String> config = secrets(PROXY_PASSWORD);
    config.put("connector.class", "io.kinesisbridge.source.KinesisSourceConnector");
    config.put("tasks.max", "1");
    config.put("kinesis.stream.name", stream);
    config.put("kafka.topic", "secrets-out");
    config.put("kinesis.poll.interval.ms", "300");
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter");
    return config;
  }
}
