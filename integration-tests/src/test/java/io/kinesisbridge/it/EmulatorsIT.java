package io.kinesisbridge.it;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.S3Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients our connectors use, built by {@link AwsClientFactory} from connector-style settings,
 * against the real emulators the harness starts.
 */
class EmulatorsIT {

  private static KinesisMock kinesisMock;
  private static S3Server s3;
  private static AwsClientFactory clients;

  @BeforeAll
  static void startEmulators() {
    kinesisMock = KinesisMock.start();
    s3 = S3Server.start();
    clients = AwsClientFactory.create(AwsSettings.from(kinesisMock.awsSettings()));
  }

  @AfterAll
  static void stopEmulators() {
    if (clients != null) {
      clients.close();
    }
    if (s3 != null) {
      s3.close();
    }
    if (kinesisMock != null) {
      kinesisMock.close();
    }
  }

  @Test
  void factoryBuiltSyncClientCreatesAStreamThenPutsAndReadsARecord() {
    KinesisClient kinesis = clients.kinesis();
    KinesisStreams.createActive(kinesis, "smoke-sync", 1);

    PutRecordResponse put =
        kinesis.putRecord(
            b ->
                b.streamName("smoke-sync")
                    .partitionKey("device-1")
                    .data(SdkBytes.fromString("hello kinesis", StandardCharsets.UTF_8)));
    String iterator =
        kinesis
            .getShardIterator(
                b ->
                    b.streamName("smoke-sync")
                        .shardId(put.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
            .shardIterator();
    List<Record> records = kinesis.getRecords(b -> b.shardIterator(iterator)).records();

    assertThat(records).hasSize(1);
    assertThat(records.get(0).partitionKey()).isEqualTo("device-1");
    assertThat(records.get(0).sequenceNumber()).isEqualTo(put.sequenceNumber());
    assertThat(records.get(0).data().asUtf8String()).isEqualTo("hello kinesis");
  }

  @Test
  void factoryBuiltAsyncClientPutsAndReadsOverHttp2Cleartext() {
    KinesisStreams.createActive(clients.kinesis(), "smoke-async", 2);
    KinesisAsyncClient kinesis = clients.kinesisAsync();

    PutRecordResponse put =
        kinesis
            .putRecord(
                b ->
                    b.streamName("smoke-async")
                        .partitionKey("k")
                        .data(SdkBytes.fromUtf8String("async")))
            .join();
    String iterator =
        kinesis
            .getShardIterator(
                b ->
                    b.streamName("smoke-async")
                        .shardId(put.shardId())
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .startingSequenceNumber(put.sequenceNumber()))
            .join()
            .shardIterator();
    List<Record> records = kinesis.getRecords(b -> b.shardIterator(iterator)).join().records();

    assertThat(records).extracting(r -> r.data().asUtf8String()).containsExactly("async");
  }

  @Test
  void s3ServerStoresAndReturnsObjects() {
    S3Client client = s3.client();
    client.createBucket(b -> b.bucket("smoke-bucket"));
    client.putObject(
        b -> b.bucket("smoke-bucket").key("2026/11/25/20/object-1"),
        RequestBody.fromString("line 1\nline 2\n"));

    ResponseBytes<GetObjectResponse> object =
        client.getObjectAsBytes(b -> b.bucket("smoke-bucket").key("2026/11/25/20/object-1"));

    assertThat(object.asUtf8String()).isEqualTo("line 1\nline 2\n");
    assertThat(client.listObjectsV2(b -> b.bucket("smoke-bucket")).contents()).hasSize(1);
  }
}
