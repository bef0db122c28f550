package io.kinesisbridge.bench;

import io.kinesisbridge.testkit.stub.KinesisStubServer;
import io.kinesisbridge.testkit.stub.StubStats;

import java.util.Map;

/** The Kinesis stub as a {@link Destination}: one stream of the configured shards per run. */
final class KinesisDestination implements Destination {

  private final KinesisStubServer stub;
  private final int shards;

  KinesisDestination(KinesisStubServer stub, int shards) {
    this.stub = stub;
    this.shards = shards;
  }

  @Override
  public void createStream(String name) {
    stub.createStream(name, shards);
  }

  @Override
  public Map<String, String> endpointSettings(String name) {
    return Map.of(
        "kinesis.stream.name", name,
        "aws.endpoint.url", stub.endpoint().toString(),
        "aws.region", "us-east-1",
        "aws.access.key.id", "bench",
        "aws.secret.access.key", "bench");
  }

  @Override
  public long received(String name) {
    return stub.stats(name).userRecords();
  }

  /**
   * Records flow once the first reached the stub or the sink task took its first one: with
   * aggregation or a long round trip the sink holds records for a while before its first call, and
   * that time (and its CPU) belongs to the run.
   */
  @Override
  public boolean flowing(String name, String connector) {
    return received(name) > 0 || KinesisTaskGauges.read(connector).recordsSubmitted() > 0;
  }

  @Override
  public long handlerCpuNanos() {
    return stub.stats().snapshot().handlerCpuNanos();
  }

  @Override
  public long heldBytes(String name) {
    return 0;
  }

  @Override
  public Delivered delivered(String name, String connector) {
    StubStats.Snapshot done = stub.stats(name).snapshot();
    return new Delivered(
        done.putRecordsCalls(),
        done.records(),
        done.failedEntries(),
        done.misroutedUserRecords(),
        done.firstRecordNanos(),
        done.lastRecordNanos(),
        null,
        stub.shardStats(name));
  }

  @Override
  public void release(String name) {
    // The stub keeps only counters per stream.
  }
}
