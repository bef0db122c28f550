package io.kinesisbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.DeaggregatedRecords;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kinesis sink over HTTPS with certificate verification on ({@code aws.endpoint.tls.trust.all}
 * false, the default). The connector has no setting of its own for a custom CA: it uses the JVM's
 * trust store, so the worker runs in its own JVM with {@code -Djavax.net.ssl.trustStore} holding a
 * certificate this test makes for {@code localhost} and gives to kinesis-mock. (kinesis-mock's
 * shipped certificate names no host, so no client verifying host names can accept it.) The same
 * worker must refuse a kinesis-mock whose certificate it does not trust: its shipped one.
 */
class TlsEndpointIT {

  private static final String PASSWORD = "changeit";
  private static final int RECORDS = 100;

  private static Path dir;
  private static Path trustStore;
  private static KinesisMock trusted;
  private static KinesisMock untrusted;
  private static AwsClientFactory clients;
  private static KinesisClient client;
  private static EmbeddedKafkaCluster kafka;
  private static ConnectWorkerProcess worker;

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createDirectories(Path.of("target", "tls-it")).toAbsolutePath();
    Path serverJson = makeLocalhostCertificate();
    trusted = KinesisMock.builder().env("KINESIS_MOCK_CERT_PATH", serverJson.toString()).start();
    untrusted = KinesisMock.start();
    clients = AwsClientFactory.create(AwsSettings.from(trusted.awsSettings()));
    client = clients.kinesis();
    Properties broker = new Properties();
    broker.put("offsets.topic.replication.factor", "1");
    kafka = new EmbeddedKafkaCluster(1, broker);
    kafka.start();
    worker =
        ConnectWorkerProcess.start(
            "tls-worker",
            kafka.bootstrapServers(),
            "tls",
            Map.of(),
            List.of(
                "-Djavax.net.ssl.trustStore=" + trustStore,
                "-Djavax.net.ssl.trustStorePassword=" + PASSWORD,
                "-Djavax.net.ssl.trustStoreType=PKCS12"));
    worker.waitUntilRestReady();
  }

  @AfterAll
  static void stop() {
    if (worker != null) {
      worker.close();
    }
    if (kafka != null) {
      kafka.stop();
    }
    if (client != null) {
      client.close();
      clients.close();
    }
    if (trusted != null) {
      trusted.close();
    }
    if (untrusted != null) {
      untrusted.close();
    }
  }

  @Test
  void withVerificationOnTheSinkDeliversOverHttpsToAnEndpointItsJvmTrusts() throws Exception {
    KinesisStreams.createActive(client, "tls-stream", 1);
    kafka.createTopic("tls-in", 1);
    produce("tls-in");

    worker.putConnectorConfig("tls-sink", sinkConfig(trusted, "tls-in", "tls-stream"));
    Set<String> arrived = awaitDistinct("tls-stream", Duration.ofMinutes(2));
    worker.stopConnector("tls-sink");

    assertThat(arrived).hasSize(RECORDS);
  }

  @Test
  void withVerificationOnTheSinkRefusesAnEndpointWhoseCertificateItDoesNotTrust() throws Exception {
    kafka.createTopic("untrusted-in", 1);
    produce("untrusted-in");

    worker.putConnectorConfig(
        "untrusted-sink", sinkConfig(untrusted, "untrusted-in", "untrusted-stream"));
    String trace = awaitFailedTaskTrace("untrusted-sink", Duration.ofMinutes(2));

    assertThat(trace)
        .as("why the task failed")
        .contains("Cannot write to Kinesis stream 'untrusted-stream'")
        .containsAnyOf("SSLHandshakeException", "PKIX path building failed", "certificate");
  }

  private static Map<String, String> sinkConfig(KinesisMock mock, String topic, String stream) {
    Map<String, String> config = new HashMap<>(mock.awsSettings(mock.tlsEndpoint()));
    config.put("aws.endpoint.tls.trust.all", "false");
    config.put("connector.class", "io.kinesisbridge.sink.KinesisSinkConnector");
    config.put("tasks.max", "1");
    config.put("topics", topic);
    config.put("kinesis.stream.name", stream);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  private static void produce(String topic) {
    List<ProducerRecord<String, String>> records = new ArrayList<>();
    for (int i = 0; i < RECORDS; i++) {
      records.add(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
    }
    TestProducer.send(kafka.bootstrapServers(), records);
  }

  private static Set<String> awaitDistinct(String stream, Duration timeout)
      throws InterruptedException {
    KinesisReader reader = new KinesisReader(client);
    Instant deadline = Instant.now().plus(timeout);
    Set<String> values = new HashSet<>();
    while (values.size() < RECORDS && Instant.now().isBefore(deadline)) {
      Thread.sleep(1_000);
      DeaggregatedRecords records = reader.readAllDeaggregated(stream);
      records.userRecords().forEach(r -> values.add(r.utf8()));
    }
    return values;
  }

  private static String awaitFailedTaskTrace(String connector, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonNode status = worker.connectorStatus(connector);
      if (status != null) {
        for (JsonNode task : status.path("tasks")) {
          if ("FAILED".equals(task.path("state").asText())) {
            return task.path("trace").asText();
          }
        }
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError("no task of " + connector + " failed within " + timeout);
  }

  /**
   * A key pair and self-signed certificate for {@code localhost} (keytool), written as
   * kinesis-mock's {@code server.json} (PEM key and certificate) and as a PKCS12 trust store
   * holding only the certificate. Returns the {@code server.json}.
   */
  private static Path makeLocalhostCertificate() throws Exception {
    Path keyStore = dir.resolve("server.p12");
    Files.deleteIfExists(keyStore);
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output;
    try (InputStream in = keytool.getInputStream()) {
      output = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore server = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      server.load(in, PASSWORD.toCharArray());
    }
    Key key = server.getKey("server", PASSWORD.toCharArray());
    Certificate certificate = server.getCertificate("server");

    Map<String, Map<String, String>> json =
        Map.of(
            "server",
            Map.of(
                "key", pem("PRIVATE KEY", key.getEncoded()),
                "cert", pem("CERTIFICATE", certificate.getEncoded())));
    Path serverJson = dir.resolve("server.json");
    new ObjectMapper().writeValue(serverJson.toFile(), json);

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("kinesis-mock", certificate);
    trustStore = dir.resolve("trust.p12");
    try (var out = Files.newOutputStream(trustStore)) {
      trust.store(out, PASSWORD.toCharArray());
    }
    return serverJson;
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
