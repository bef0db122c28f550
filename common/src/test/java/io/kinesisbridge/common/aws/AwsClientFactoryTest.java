package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsServiceClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AwsClientFactoryTest {

  private static final URI ENDPOINT = URI.create("http://localhost:4566");

  private static AwsSettings settings(String... extra) {
    Map<String, String> props = new HashMap<>();
    props.put(AwsConfig.REGION_CONFIG, "eu-west-1");
    props.put(AwsConfig.ENDPOINT_URL_CONFIG, ENDPOINT.toString());
    props.put(AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "static");
    props.put(AwsConfig.ACCESS_KEY_ID_CONFIG, "AKIAEXAMPLE");
    props.put(AwsConfig.SECRET_ACCESS_KEY_CONFIG, "secret");
    for (int i = 0; i < extra.length; i += 2) {
      props.put(extra[i], extra[i + 1]);
    }
    return AwsSettings.from(props);
  }

  private static void assertConfigured(
      AwsServiceClientConfiguration config, AwsClientFactory factory) {
    assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
    assertThat(config.endpointOverride()).contains(ENDPOINT);
    assertThat(config.credentialsProvider()).isSameAs(factory.credentialsProvider());
    assertThat(
            config
                .overrideConfiguration()
                .advancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX))
        .hasValueSatisfying(ua -> assertThat(ua).startsWith("kinesis-bridge/"));
    assertThat(config.overrideConfiguration().retryStrategy())
        .hasValueSatisfying(retry -> assertThat(retry.maxAttempts()).isEqualTo(3));
  }

  @Test
  void everyClientGetsTheRegionEndpointCredentialsAndUserAgent() {
    try (AwsClientFactory factory = AwsClientFactory.create(settings());
        KinesisAsyncClient kinesisAsync = factory.kinesisAsync();
        KinesisClient kinesis = factory.kinesis();
        FirehoseAsyncClient firehoseAsync = factory.firehoseAsync();
        FirehoseClient firehose = factory.firehose()) {
      assertConfigured(kinesisAsync.serviceClientConfiguration(), factory);
      assertConfigured(kinesis.serviceClientConfiguration(), factory);
      assertConfigured(firehoseAsync.serviceClientConfiguration(), factory);
      assertConfigured(firehose.serviceClientConfiguration(), factory);
    }
  }

  @Test
  void requestResponseClientsCarryTheCallTimeouts() {
    try (AwsClientFactory factory =
            AwsClientFactory.create(settings(AwsConfig.API_CALL_TIMEOUT_MS_CONFIG, "12000"));
        KinesisAsyncClient client = factory.kinesisAsync()) {
      var overrides = client.serviceClientConfiguration().overrideConfiguration();

      assertThat(overrides.apiCallTimeout()).contains(java.time.Duration.ofSeconds(12));
      assertThat(overrides.apiCallAttemptTimeout()).contains(java.time.Duration.ofSeconds(10));
    }
  }

  @Test
  void enhancedFanOutClientsSpeakHttp2WithoutCallTimeouts() {
    try (AwsClientFactory factory = AwsClientFactory.create(settings());
        KinesisAsyncClient client = factory.kinesisAsync(AsyncClientOptions.enhancedFanOut())) {
      var overrides = client.serviceClientConfiguration().overrideConfiguration();

      assertThat(overrides.apiCallTimeout()).isEmpty();
      assertThat(overrides.apiCallAttemptTimeout()).isEmpty();
    }
  }

  @Test
  void http2OverTlsWithTrustAllBuildsForTheEmulatorsTlsPort() {
    AwsSettings settings =
        settings(
            AwsConfig.ENDPOINT_URL_CONFIG, "https://localhost:4567",
            AwsConfig.ENDPOINT_TLS_TRUST_ALL_CONFIG, "true");

    try (AwsClientFactory factory = AwsClientFactory.create(settings);
        KinesisAsyncClient efo = factory.kinesisAsync(AsyncClientOptions.enhancedFanOut());
        KinesisClient sync = factory.kinesis()) {
      assertThat(efo.serviceClientConfiguration().endpointOverride())
          .contains(URI.create("https://localhost:4567"));
      assertThat(sync.serviceClientConfiguration().endpointOverride()).isPresent();
    }
  }

  /** Building makes no network call, so this proves both HTTP clients accept the proxy config. */
  @Test
  void everyClientBuildsWithAnAuthenticatedProxyAndAnAssumedRole() {
    AwsSettings settings =
        settings(
            AwsProxyConfig.PROXY_URL_CONFIG, "http://proxy.corp:3128",
            AwsProxyConfig.PROXY_USERNAME_CONFIG, "alice",
            AwsProxyConfig.PROXY_PASSWORD_CONFIG, "s3cr3t",
            AwsProxyConfig.NON_PROXY_HOSTS_CONFIG, "*.internal",
            AwsConfig.STS_ROLE_ARN_CONFIG, "arn:aws:iam::123456789012:role/writer");

    try (AwsClientFactory factory = AwsClientFactory.create(settings);
        KinesisClient sync = factory.kinesis();
        KinesisAsyncClient async = factory.kinesisAsync();
        KinesisAsyncClient efo = factory.kinesisAsync(AsyncClientOptions.enhancedFanOut());
        FirehoseClient firehose = factory.firehose();
        FirehoseAsyncClient firehoseAsync = factory.firehoseAsync()) {
      assertThat(List.of(sync, async, efo, firehose, firehoseAsync)).hasSize(5);
      assertThat(factory.ownedCredentialsProvider())
          .isInstanceOf(StsAssumeRoleCredentialsProvider.class);
    }
  }

  @Test
  void theRegionIsTakenFromAStreamArnWhenNotConfigured() {
    AwsSettings settings =
        AwsSettings.from(Map.of(AwsConfig.CREDENTIALS_PROVIDER_CONFIG, "default"))
            .withRegionFromArn("arn:aws:kinesis:ap-northeast-1:123456789012:stream/orders");

    try (AwsClientFactory factory = AwsClientFactory.create(settings);
        KinesisClient client = factory.kinesis()) {
      assertThat(client.serviceClientConfiguration().region()).isEqualTo(Region.AP_NORTHEAST_1);
      assertThat(client.serviceClientConfiguration().endpointOverride()).isEmpty();
    }
  }

  @Test
  void withoutAnyRegionTheFactoryRefusesToStart() {
    assumeTrue(AwsRegions.fromEnvironment().isEmpty(), "the environment names a region");

    assertThatThrownBy(() -> AwsClientFactory.create(AwsSettings.from(Map.of())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("aws.region");
  }

  @Test
  void aRoleArnPutsAnAssumeRoleProviderOnTopWithoutCallingSts() {
    AwsSettings settings =
        settings(AwsConfig.STS_ROLE_ARN_CONFIG, "arn:aws:iam::123456789012:role/writer");

    try (AwsClientFactory factory = AwsClientFactory.create(settings);
        KinesisClient client = factory.kinesis()) {
      assertThat(factory.ownedCredentialsProvider())
          .isInstanceOf(StsAssumeRoleCredentialsProvider.class);
      assertThat(client.serviceClientConfiguration().credentialsProvider())
          .isSameAs(factory.credentialsProvider());
    }
  }

  @Test
  void closingAClientLeavesTheSharedCredentialsToTheFactory() {
    ClosableCredentials credentials = new ClosableCredentials();
    AwsClientFactory factory =
        new AwsClientFactory(settings(), Region.EU_WEST_1, credentials, List.of(credentials));

    factory.kinesis().close();
    factory.kinesisAsync().close();
    factory.firehose().close();
    factory.firehoseAsync().close();
    assertThat(credentials.closed).hasValue(0);
    assertThat(factory.credentialsProvider().resolveCredentials().accessKeyId())
        .isEqualTo("AKIAEXAMPLE");

    factory.close();
    assertThat(credentials.closed).hasValue(1);
  }

  @Test
  void theAsyncOptionsRejectNonsense() {
    assertThatThrownBy(() -> new AsyncClientOptions(null, 1, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AsyncClientOptions.requestResponse().withMaxConcurrency(0))
        .hasMessageContaining("maxConcurrency");
    assertThat(AsyncClientOptions.requestResponse().withProtocol(Protocol.HTTP2).protocol())
        .isEqualTo(Protocol.HTTP2);
  }

  /** A provider that counts how often it was closed. */
  private static final class ClosableCredentials
      implements AwsCredentialsProvider, SdkAutoCloseable {
    private final AwsCredentialsProvider delegate =
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE", "secret"));
    private final AtomicInteger closed = new AtomicInteger();

    @Override
    public AwsCredentials resolveCredentials() {
      return delegate.resolveCredentials();
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }
}
