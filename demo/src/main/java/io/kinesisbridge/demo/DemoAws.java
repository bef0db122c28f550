package io.kinesisbridge.demo;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.testkit.KinesisMock;
import io.kinesisbridge.testkit.KinesisStreams;
import io.kinesisbridge.testkit.S3Server;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/** The demo's AWS-side set-up, through the same client factory the connectors use. */
final class DemoAws implements AutoCloseable {

  private final AwsClientFactory clients;
  private final S3Client s3;

  DemoAws(KinesisMock kinesisMock, S3Server s3Server) {
    this.clients = AwsClientFactory.create(AwsSettings.from(kinesisMock.awsSettings()));
    this.s3 = s3Server.client();
  }

  /** Creates the demo stream and says what exists now. */
  String createStream(String name, int shards) {
    KinesisClient kinesis = clients.kinesis();
    KinesisStreams.createActive(kinesis, name, shards);
    int listed = kinesis.listShards(b -> b.streamName(name)).shards().size();
    return "stream " + name + ": ACTIVE, " + listed + " shards";
  }

  /** A Kinesis client for reading back what the sink wrote. */
  KinesisClient kinesis() {
    return clients.kinesis();
  }

  /** Creates the demo bucket and says so. */
  String createBucket(String name) {
    s3.createBucket(b -> b.bucket(name));
    return "bucket "
        + name
        + ": created, "
        + s3.listBuckets().buckets().size()
        + " bucket(s) in S3";
  }

  @Override
  public void close() {
    s3.close();
    clients.close();
  }
}
