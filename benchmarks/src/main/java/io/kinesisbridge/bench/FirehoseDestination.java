package io.kinesisbridge.bench;

import io.kinesisbridge.testkit.S3Server;
import io.kinesisbridge.testkit.firehose.DeliveryStreamSpec;
import io.kinesisbridge.testkit.firehose.FirehoseEndpoint;
import io.kinesisbridge.testkit.firehose.FirehoseStats;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * testkit's Firehose endpoint (delivering into an in-memory S3 server) as a {@link Destination}:
 * one Direct PUT delivery stream per run, with the largest buffering hints (128 MiB, 900 s) so S3
 * writes are rare and cost the run next to nothing.
 *
 * <p>Every Kafka record reaches Firehose as its value plus a one-byte {@code \n}, packed or not, so
 * the Kafka records received are the accepted bytes divided by {@code record.bytes + 1}. Billing is
 * computed from the endpoint's counters when every Firehose record is one Kafka record (all the
 * same size); for packed records, whose sizes the endpoint does not count one by one, it comes from
 * the sink task's {@code billed-bytes} and {@code payload-bytes} gauges ({@link SinkGauges}).
 *
 * <p>The endpoint does not time its records, so the runner times the interval itself; a packing
 * sink holds records until a Firehose record is full, so its interval starts when its task took the
 * first record ({@code records-submitted-total}), not when the first packed record arrived.
 */
final class FirehoseDestination implements Destination, AutoCloseable {

  private static final String BUCKET = "bench-firehose";
  private static final int BUFFER_MIB = 128;
  private static final int BUFFER_SECONDS = 900;
  private static final Duration GAUGE_WAIT = Duration.ofSeconds(5);

  private final S3Server s3;
  private final S3Client s3Client;
  private final FirehoseEndpoint endpoint;
  private final long recordBytes;

  private FirehoseDestination(
      S3Server s3, S3Client s3Client, FirehoseEndpoint endpoint, int valueBytes) {
    this.s3 = s3;
    this.s3Client = s3Client;
    this.endpoint = endpoint;
    this.recordBytes = valueBytes + 1L;
  }

  /** Starts the S3 server and the endpoint; {@code valueBytes} is the Kafka record value size. */
  static FirehoseDestination start(int valueBytes) {
    S3Server s3 = S3Server.start();
    S3Client client = s3.client();
    try {
      client.createBucket(b -> b.bucket(BUCKET));
      FirehoseEndpoint endpoint = FirehoseEndpoint.builder().s3(client).start();
      return new FirehoseDestination(s3, client, endpoint, valueBytes);
    } catch (RuntimeException e) {
      client.close();
      s3.close();
      throw e;
    }
  }

  @Override
  public void createStream(String name) {
    endpoint.createDeliveryStream(
        DeliveryStreamSpec.of(name, BUCKET).withBuffering(BUFFER_MIB, BUFFER_SECONDS));
  }

  @Override
  public Map<String, String> endpointSettings(String name) {
    Map<String, String> settings = new HashMap<>(endpoint.awsSettings());
    settings.put("firehose.delivery.stream", name);
    return settings;
  }

  @Override
  public long received(String name) {
    return endpoint.stats(name).snapshot().bytesAccepted() / recordBytes;
  }

  @Override
  public boolean flowing(String name, String connector) {
    if (received(name) > 0) {
      return true;
    }
    SinkGauges gauges = SinkGauges.read(connector);
    return gauges != null && gauges.recordsSubmitted() > 0;
  }

  @Override
  public long handlerCpuNanos() {
    return JvmProbe.threadsCpuNanos("firehose-endpoint-");
  }

  @Override
  public long heldBytes(String name) {
    FirehoseStats.Snapshot now = endpoint.stats(name).snapshot();
    return now.bytesAccepted() - now.bytesWritten();
  }

  @Override
  public Delivered delivered(String name, String connector) throws InterruptedException {
    FirehoseStats.Snapshot done = endpoint.stats(name).snapshot();
    SinkGauges gauges = SinkGauges.await(connector, done.recordsAccepted(), GAUGE_WAIT);
    return new Delivered(
        done.calls(),
        done.recordsAccepted(),
        done.recordsFailed(),
        0,
        -1,
        -1,
        billing(done, gauges),
        List.of());
  }

  /** Billing from the endpoint when it is exact there, else from the sink's gauges. */
  private Billing billing(FirehoseStats.Snapshot done, SinkGauges gauges) {
    long records = done.recordsAccepted();
    long payload = done.bytesAccepted();
    boolean oneKafkaRecordEach = records * recordBytes == payload;
    if (oneKafkaRecordEach) {
      String check =
          gauges == null
              ? "no gauges"
              : gauges.billedBytes() == records * Billing.billedBytesOf(recordBytes)
                  ? "= jmx"
                  : "jmx " + gauges.billedBytes();
      return new Billing(payload, records * Billing.billedBytesOf(recordBytes), "endpoint", check);
    }
    if (gauges == null) {
      return new Billing(payload, -1, "n/a", "packed records and no sink gauges");
    }
    String check =
        gauges.payloadBytes() == payload && gauges.firehoseRecords() == records
            ? "= endpoint"
            : "endpoint " + payload + " B in " + records + " records";
    return new Billing(gauges.payloadBytes(), gauges.billedBytes(), "jmx", check);
  }

  @Override
  public void release(String name) {
    endpoint.flushAll(); // empties the run's buffer into S3, then S3 is emptied too
    for (S3Object object : s3Client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
      s3Client.deleteObject(b -> b.bucket(BUCKET).key(object.key()));
    }
  }

  @Override
  public void close() {
    try {
      endpoint.close();
    } finally {
      s3Client.close();
      s3.close();
    }
  }
}
