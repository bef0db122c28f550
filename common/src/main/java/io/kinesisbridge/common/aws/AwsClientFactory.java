package io.kinesisbridge.common.aws;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClientBuilder;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds every AWS client of the bundle from one {@link AwsSettings}, on the same code path in
 * production and in tests (tests point {@code aws.endpoint.url} at an emulator).
 *
 * <p>Each client gets the resolved region, the endpoint override, the shared credentials provider,
 * the SDK's standard retry strategy with {@code aws.retry.max.attempts}, the call timeouts and the
 * user agent {@code kinesis-bridge/<version>}. Async clients use Netty (HTTP/1.1 or HTTP/2, see
 * {@link AsyncClientOptions}); sync clients use Apache HttpClient 5. With {@code aws.proxy.url}
 * set, every client, the STS client of assume-role included, connects through that proxy.
 *
 * <p>Who closes what: a client returned here belongs to the caller, and closing it also closes its
 * own HTTP client. The factory owns the credentials provider shared by its clients (and, with
 * {@code aws.sts.role.arn}, the STS client behind it); {@link #close()} releases them, so close the
 * factory after the clients built from it. Building a factory or a client makes no network call.
 */
public final class AwsClientFactory implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AwsClientFactory.class);

  private final AwsSettings settings;
  private final Region region;
  private final AwsCredentialsProvider owner;
  private final AwsCredentialsProvider credentials;
  private final List<SdkAutoCloseable> owned;

  AwsClientFactory(
      AwsSettings settings,
      Region region,
      AwsCredentialsProvider credentials,
      List<SdkAutoCloseable> owned) {
    this.settings = settings;
    this.region = region;
    this.owner = credentials;
    this.credentials = SharedCredentialsProvider.of(credentials);
    this.owned = List.copyOf(owned);
  }

  /**
   * A factory for {@code settings}: resolves the region and builds the credentials provider.
   *
   * @throws org.apache.kafka.common.config.ConfigException when no region can be resolved or the
   *     static credentials are incomplete
   */
  public static AwsClientFactory create(AwsSettings settings) {
    Region region = AwsRegions.resolve(settings);
    AwsCredentialsProvider base = CredentialsProviders.base(settings);
    List<SdkAutoCloseable> owned = new ArrayList<>();
    AwsCredentialsProvider effective = base;
    try {
      if (settings.assumeRole().isPresent()) {
        StsClient sts = CredentialsProviders.stsClient(settings, region, base);
        owned.add(sts);
        var role = CredentialsProviders.assumeRole(settings.assumeRole().get(), sts);
        owned.add(0, role); // stop refreshing before the STS client goes away
        effective = role;
      }
    } catch (RuntimeException e) {
      closeAll(owned);
      closeQuietly(base);
      throw e;
    }
    if (base instanceof SdkAutoCloseable closeable) {
      owned.add(closeable);
    }
    LOG.info("AWS clients will use {}", settings.withRegion(region));
    return new AwsClientFactory(settings, region, effective, owned);
  }

  /** The region every client of this factory uses. */
  public Region region() {
    return region;
  }

  /**
   * The credentials provider every client of this factory uses. It is a view that cannot be closed:
   * the factory owns the provider behind it, so it is safe to hand to other SDK clients.
   */
  public AwsCredentialsProvider credentialsProvider() {
    return credentials;
  }

  /** The provider behind {@link #credentialsProvider()}, for tests of its type. */
  AwsCredentialsProvider ownedCredentialsProvider() {
    return owner;
  }

  /** An async Kinesis client for request/response calls (HTTP/1.1, call timeouts on). */
  public KinesisAsyncClient kinesisAsync() {
    return kinesisAsync(AsyncClientOptions.requestResponse());
  }

  /**
   * An async Kinesis client shaped by {@code options}; {@link AsyncClientOptions#enhancedFanOut()}
   * for SubscribeToShard.
   */
  public KinesisAsyncClient kinesisAsync(AsyncClientOptions options) {
    return async(KinesisAsyncClient.builder(), options).build();
  }

  /** A sync Kinesis client, for control-plane calls such as DescribeStreamSummary or ListShards. */
  public KinesisClient kinesis() {
    return sync(KinesisClient.builder()).build();
  }

  /** An async Firehose client for PutRecordBatch (HTTP/1.1, call timeouts on). */
  public FirehoseAsyncClient firehoseAsync() {
    return firehoseAsync(AsyncClientOptions.requestResponse());
  }

  /** An async Firehose client shaped by {@code options}. */
  public FirehoseAsyncClient firehoseAsync(AsyncClientOptions options) {
    return async(FirehoseAsyncClient.builder(), options).build();
  }

  /** A sync Firehose client, for control-plane calls such as DescribeDeliveryStream. */
  public FirehoseClient firehose() {
    return sync(FirehoseClient.builder()).build();
  }

  /**
   * A sync CloudWatch client for PutMetricData. {@code endpoint} stands in for {@code
   * aws.endpoint.url}, which usually names a Kinesis- or Firehose-only endpoint; empty means the
   * regional CloudWatch endpoint.
   */
  public CloudWatchClient cloudWatch(Optional<URI> endpoint) {
    CloudWatchClientBuilder builder =
        CloudWatchClient.builder()
            .region(region)
            .credentialsProvider(credentials)
            .overrideConfiguration(ClientSettings.overrides(settings, true))
            .httpClientBuilder(
                HttpClients.apache(
                    settings, endpoint.isPresent() && settings.trustAllCertificates()));
    endpoint.ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * Releases the credentials provider and the STS client. Close the clients first: after this,
   * clients of this factory can no longer refresh credentials.
   */
  @Override
  public void close() {
    closeAll(owned);
  }

  private <B extends AwsClientBuilder<B, C> & SdkAsyncClientBuilder<B, C>, C> B async(
      B builder, AsyncClientOptions options) {
    configure(builder, options.callTimeouts());
    return builder.httpClientBuilder(HttpClients.netty(options, settings));
  }

  private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B sync(B builder) {
    configure(builder, true);
    return builder.httpClientBuilder(HttpClients.apache(settings));
  }

  private void configure(AwsClientBuilder<?, ?> builder, boolean callTimeouts) {
    builder
        .region(region)
        .credentialsProvider(credentials)
        .overrideConfiguration(ClientSettings.overrides(settings, callTimeouts));
    settings.endpointOverride().ifPresent(builder::endpointOverride);
  }

  private static void closeAll(List<? extends SdkAutoCloseable> resources) {
    resources.forEach(AwsClientFactory::closeQuietly);
  }

  private static void closeQuietly(Object resource) {
    if (resource instanceof SdkAutoCloseable closeable) {
      try {
        closeable.close();
      } catch (RuntimeException e) {
        LOG.warn("Could not close {}", closeable.getClass().getSimpleName(), e);
      }
    }
  }
}
