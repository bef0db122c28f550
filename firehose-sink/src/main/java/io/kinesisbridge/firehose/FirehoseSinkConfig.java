package io.kinesisbridge.firehose;

import io.kinesisbridge.common.aws.AwsConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Configuration of the connector. This version defines the shared AWS settings and the target; the
 * rest of the contract in DESIGN.md arrives with the connector's data path.
 */
public final class FirehoseSinkConfig {

  public static final String DELIVERY_STREAM_CONFIG = "firehose.delivery.stream";
  private static final String DELIVERY_STREAM_DOC =
      "Name of the Firehose delivery stream (Direct PUT) to write to.";

  private FirehoseSinkConfig() {}

  /** The ConfigDef the worker uses to validate and document this connector's settings. */
  public static ConfigDef configDef() {
    ConfigDef def =
        new ConfigDef()
            .define(
                DELIVERY_STREAM_CONFIG,
                ConfigDef.Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                new ConfigDef.NonEmptyString(),
                ConfigDef.Importance.HIGH,
                DELIVERY_STREAM_DOC,
                "Firehose",
                1,
                ConfigDef.Width.LONG,
                "Delivery stream");
    return AwsConfig.addTo(def);
  }
}
