package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisReader;
import io.kinesisbridge.testkit.KinesisStreams;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Both sinks against LocalStack's Kinesis, Firehose and S3 in a container: run with {@code
 * -Plocalstack} where Docker exists. Without Docker every test is skipped with the reason.
 */
class LocalStackSinksIT {

  private static final int RECORDS = 2_000;

  private static LocalStackContainer localstack;
  private static EmbeddedConnectCluster connect;
  private static AwsClientFactory clients;

  @BeforeAll
  static void start() {
    assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(),
        "Docker is not available, so LocalStack cannot start; these ITs only run with Docker");
    localstack =
        new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
            .withServices(Service.KINESIS, Service.FIREHOSE, Service.S3);
    localstack.start();
    clients = AwsClientFactory.create(AwsSettings.from(awsSettings()));
    connect = SharedConnectCluster.acquire();
  }

  @AfterAll
  static void stop() {
    if (connect != null) {
      SharedConnectCluster.release();
    }
    if (clients != null) {
      clients.close();
    }
    if (localstack != null) {
      localstack.stop();
    }
  }

  private static Map<String, String> awsSettings() {
    return Map.of(
        "aws.region", localstack.getRegion(),
        "aws.endpoint.url", localstack.getEndpoint().toString(),
        "aws.credentials.provider", "static",
        "aws.access.key.id", localstack.getAccessKey(),
        "aws.secret.access.key", localstack.getSecretKey());
  }

  private static Map<String, String> connector(String connectorClass, String topic) {
    Map<String, String> config = new HashMap<>(awsSettings());
    config.put("connector.class", connectorClass);
    config.put("tasks.max", "1");
    config.put("topics", topic);
    config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
    config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
    return config;
  }

  private static void produce(String topic) {
    connect.kafka().createTopic(topic, 2);
    for (int i = 0; i < RECORDS; i++) {
      connect.kafka().produce(topic, "k" + i, "record-" + i);
    }
  }

  private static void await(IntSupplier count, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (count.getAsInt() < RECORDS && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Test
  void kinesisSinkDeliversEveryRecordToLocalStackKinesis() {
    KinesisClient kinesis = clients.kinesis();
    KinesisStreams.createActive(kinesis, "localstack-sink", 2);
    produce("to-kinesis");
    Map<String, String> config =
        connector("io.kinesisbridge.sink.KinesisSinkConnector", "to-kinesis");
    config.put("kinesis.stream.name", "localstack-sink");
    config.put("kinesis.aggregation.enabled", "true");

    connect.configureConnector("localstack-kinesis-sink", config);
    KinesisReader reader = new KinesisReader(kinesis);
    await(
        () -> reader.readAllDeaggregated("localstack-sink").userRecords().size(),
        Duration.ofMinutes(3));

    assertThat(reader.readAllDeaggregated("localstack-sink").userRecords())
        .hasSizeGreaterThanOrEqualTo(RECORDS);
  }

  @Test
  void firehoseSinkDeliversEveryRecordThroughLocalStackFirehoseIntoS3() {
    S3Client s3 =
        S3Client.builder()
            .endpointOverride(localstack.getEndpoint())
            .region(software.amazon.awssdk.regions.Region.of(localstack.getRegion()))
            .credentialsProvider(clients.credentialsProvider())
            .forcePathStyle(true)
            .build();
    s3.createBucket(b -> b.bucket("localstack-firehose"));
    FirehoseClient firehose = clients.firehose();
    firehose.createDeliveryStream(
        b ->
            b.deliveryStreamName("localstack-delivery")
                .deliveryStreamType("DirectPut")
                .extendedS3DestinationConfiguration(
                    d ->
                        d.bucketARN("arn:aws:s3:::localstack-firehose")
                            .roleARN("arn:aws:iam::000000000000:role/firehose")
                            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(60))));
    produce("to-firehose");
    Map<String, String> config =
        connector("io.kinesisbridge.firehose.FirehoseSinkConnector", "to-firehose");
    config.put("firehose.delivery.stream", "localstack-delivery");

    connect.configureConnector("localstack-firehose-sink", config);
    IntSupplier lines =
        () ->
            s3.listObjectsV2(b -> b.bucket("localstack-firehose")).contents().stream()
                .mapToInt(
                    o ->
                        (int)
                            s3.getObjectAsBytes(b -> b.bucket("localstack-firehose").key(o.key()))
                                .asUtf8String()
                                .lines()
                                .count())
                .sum();
    await(lines, Duration.ofMinutes(3));

    assertThat(lines.getAsInt()).isGreaterThanOrEqualTo(RECORDS);
  }
}
