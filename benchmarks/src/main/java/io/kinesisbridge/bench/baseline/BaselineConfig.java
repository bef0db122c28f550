package io.kinesisbridge.bench.baseline;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

import java.net.URI;
import java.util.Map;

/**
 * Settings of the baseline sink: the same key names as the bundle's Kinesis sink, so the harness
 * can give both connectors one AWS block, but only what a bare sink needs.
 */
final class BaselineConfig extends AbstractConfig {

  static final String STREAM_NAME = "kinesis.stream.name";
  static final String ENDPOINT_URL = "aws.endpoint.url";
  static final String REGION = "aws.region";
  static final String ACCESS_KEY_ID = "aws.access.key.id";
  static final String SECRET_ACCESS_KEY = "aws.secret.access.key";

  static final ConfigDef DEF =
      new ConfigDef()
          .define(STREAM_NAME, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH, "Target stream.")
          .define(
              ENDPOINT_URL,
              ConfigDef.Type.STRING,
              null,
              ConfigDef.Importance.HIGH,
              "Endpoint override, e.g. the Kinesis stub.")
          .define(REGION, ConfigDef.Type.STRING, "us-east-1", ConfigDef.Importance.HIGH, "Region.")
          .define(
              ACCESS_KEY_ID, ConfigDef.Type.STRING, "bench", ConfigDef.Importance.HIGH, "Key id.")
          .define(
              SECRET_ACCESS_KEY,
              ConfigDef.Type.PASSWORD,
              "bench",
              ConfigDef.Importance.HIGH,
              "Secret key.");

  BaselineConfig(Map<String, String> props) {
    super(DEF, props);
  }

  String streamName() {
    return getString(STREAM_NAME);
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
