package io.kinesisbridge.bench;

import io.kinesisbridge.testkit.stub.KinesisStubServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * One round trip through the real SDK before any run, so a stub that drifted from what the SDK
 * sends or expects fails the harness at once with a clear message instead of as a run that never
 * ends. Uses its own stream, so no run's counters include it.
 */
final class StubPreflight {

  private static final String STREAM = "preflight";

  private StubPreflight() {}

  private static PutRecordsRequestEntry entry(String partitionKey) {
    return PutRecordsRequestEntry.builder()
        .partitionKey(partitionKey)
        .data(SdkBytes.fromUtf8String("preflight"))
        .build();
  }

  static void check(KinesisStubServer stub) {
    stub.createStream(STREAM, 2);
    try (KinesisClient kinesis =
        KinesisClient.builder()
            .endpointOverride(stub.endpoint())
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .httpClientBuilder(Apache5HttpClient.builder())
            .build()) {
      int shards =
          kinesis
              .describeStreamSummary(b -> b.streamName(STREAM))
              .streamDescriptionSummary()
              .openShardCount();
      PutRecordsResponse response =
          kinesis.putRecords(b -> b.streamName(STREAM).records(entry("a"), entry("b")));
      if (shards != 2
          || response.failedRecordCount() != 0
          || response.records().size() != 2
          || stub.stats(STREAM).userRecords() != 2) {
        throw new IllegalStateException("the Kinesis stub answered unexpectedly: " + response);
      }
    }
  }
}
