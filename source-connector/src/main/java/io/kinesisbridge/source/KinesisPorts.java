package io.kinesisbridge.source;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.AwsSettings;
import io.kinesisbridge.source.kinesis.FactoryClosingPort;
import io.kinesisbridge.source.kinesis.KinesisReaderPort;
import io.kinesisbridge.source.kinesis.SdkKinesisReader;

/** Builds the SDK-backed port from the connector's settings. */
final class KinesisPorts {

  private KinesisPorts() {}

  /** A port whose client comes from the shared factory; closing the port closes both. */
  static KinesisReaderPort create(KinesisSourceConfig config) {
    AwsSettings settings = AwsSettings.from(config);
    for (String arn : config.streamArns()) {
      settings = settings.withRegionFromArn(arn);
    }
    AwsClientFactory factory = AwsClientFactory.create(settings);
    SdkKinesisReader reader = new SdkKinesisReader(factory.kinesis());
    return new FactoryClosingPort(reader, factory::close);
  }
}
