package io.kinesisbridge.source;

import io.kinesisbridge.common.aws.AwsConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Configuration of the connector. This version defines the shared AWS settings and the target; the
 * rest of the contract in DESIGN.md arrives with the connector's data path.
 */
public final class KinesisSourceConfig {

  public static final String STREAM_NAME_CONFIG = "kinesis.stream.name";
  private static final String STREAM_NAME_DOC =
      "Name of the Kinesis data stream to read (a comma list of several is allowed).";

  private KinesisSourceConfig() {}

  /** The ConfigDef the worker uses to validate and document this connector's settings. */
  public static ConfigDef configDef() {
    ConfigDef def =
        new ConfigDef()
            .define(
                STREAM_NAME_CONFIG,
                ConfigDef.Type.STRING,
                ConfigDef.NO_DEFAULT_VALUE,
                new ConfigDef.NonEmptyString(),
                ConfigDef.Importance.HIGH,
                STREAM_NAME_DOC,
                "Kinesis",
                1,
                ConfigDef.Width.LONG,
                "Stream name");
    return AwsConfig.addTo(def);
  }
}
