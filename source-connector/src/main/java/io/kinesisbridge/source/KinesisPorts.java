package io.kinesisbridge.source;

import io.kinesisbridge.common.aws.AsyncClientOptions;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.source.kinesis.FactoryClosingPort;
import io.kinesisbridge.source.kinesis.FanOutPort;
import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.SdkFanOut;
import io.kinesisbridge.source.kinesis.SdkKinesisReader;
import io.kinesisbridge.source.kinesis.StreamRefs;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/** Builds the SDK-backed ports from the connector's settings. */
final class KinesisPorts {

  private KinesisPorts() {}

  /** A port whose client comes from the shared factory; closing the port closes both. */
  static KinesisReaderPort create(KinesisSourceConfig config) {
    AwsClientFactory factory = factory(config);
    try {
      SdkKinesisReader reader =
          new SdkKinesisReader(factory.kinesis(), StreamRefs.of(config.streamRefs()));
      return new FactoryClosingPort(reader, factory::close);
    } catch (RuntimeException e) {
      factory.close();
      throw e;
    }
  }

  /**
   * An enhanced fan-out port: SubscribeToShard on an HTTP/2 client without call timeouts, control
   * calls on a sync client; closing the port closes both and their factory.
   */
  static FanOutPort createFanOut(KinesisSourceConfig config) {
    AwsClientFactory factory = factory(config);
    KinesisClient control = null;
    try {
      control = factory.kinesis();
      return new SdkFanOut(
          control,
          factory.kinesisAsync(AsyncClientOptions.enhancedFanOut()),
          StreamRefs.of(config.streamRefs()),
          factory::close);
    } catch (RuntimeException e) {
      if (control != null) {
        control.close();
      }
      factory.close();
      throw e;
    }
  }

  private static AwsClientFactory factory(KinesisSourceConfig config) {
    return AwsClientFactory.create(config.awsSettings());
  }
}
