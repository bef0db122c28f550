package io.kinesisbridge.bench.baseline;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.Map;

/**
 * Settings of the baseline sinks: the same key names as the bundle's Kinesis and Firehose sinks, so
 * the harness can give a baseline and a sink one AWS block, but only what a bare sink needs.
 */
final class BaselineConfig extends AbstractConfig {

  static final String STREAM_NAME = "kinesis.stream.name";
  static final String DELIVERY_STREAM = "firehose.delivery.stream";
  static final String ENDPOINT_URL = "aws.endpoint.url";
  static final String REGION = "aws.region";
  static final String ACCESS_KEY_ID = "aws.access.key.id";
  static final String SECRET_ACCESS_KEY = "aws.secret.access.key";

  /** The Kinesis baseline's settings. */
  static final ConfigDef DEF =
      aws().define(STREAM_NAME, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Target stream.");

  /** The Firehose baseline's settings. */
  static final ConfigDef FIREHOSE_DEF =
      aws()
          .define(
              DELIVERY_STREAM,
              ConfigDef.Type.STRING,
              ConfigDef.Importance.HIGH,
              "Target delivery stream.");

  private static ConfigDef aws() {
    return new ConfigDef()
        .define(
            ENDPOINT_URL,
            ConfigDef.Type.STRING,
            null,
            ConfigDef.Importance.HIGH,
            "Endpoint override, e.g. the Kinesis stub.")
        .define(REGION, ConfigDef.Type.STRING, "us-east-1", ConfigDef.Importance.HIGH, "Region.")
        .define(ACCESS_KEY_ID, ConfigDef.Type.STRING, "bench", ConfigDef.Importance.HIGH, "Key id.")
        .define(
            SECRET_ACCESS_KEY,
            ConfigDef.Type.PASSWORD,
            "bench",
            ConfigDef.Importance.HIGH,
            "Secret key.");
  }

  BaselineConfig(Map<String, String> props) {
    this(DEF, props);
  }

  private BaselineConfig(ConfigDef def, Map<String, String> props) {
    super(def, props);
  }

  /** The Firehose baseline's settings. */
  static BaselineConfig firehose(Map<String, String> props) {
    return new BaselineConfig(FIREHOSE_DEF, props);
  }

  /**
   * Points a synchronous SDK client builder at the configured region, static credentials and
   * endpoint, on the Apache 5 HTTP client: the same set-up for both baselines.
   */
  <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
    builder
        .region(Region.of(region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(accessKeyId(), secretAccessKey())))
        .httpClientBuilder(Apache5HttpClient.builder());
    URI endpoint = endpoint();
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder;
  }

  String streamName() {
    return getString(STREAM_NAME);
  }

  String deliveryStream() {
    return getString(DELIVERY_STREAM);
  }

  URI endpoint() {
    String url = getString(ENDPOINT_URL);
    return url == null ? null : URI.create(url);
  }

  String region() {
    return getString(REGION);
  }

  String accessKeyId() {
    return getString(ACCESS_KEY_ID);
  }

  String secretAccessKey() {
    Password secret = getPassword(SECRET_ACCESS_KEY);
    return secret.value();
  }
}
