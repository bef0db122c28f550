package io.kinesisbridge.common.aws;

import org.apache.kafka.common.config.ConfigException;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.regions.Region;

import java.util.Collection;
import java.util.Optional;

/**
 * Decides which region the clients use, in one order everywhere: {@code aws.region}, else the
 * region of a stream or delivery-stream ARN, else the worker's {@code aws.region} system property
 * or {@code AWS_REGION} environment variable.
 *
 * <p>The SDK's own chain would also ask the instance metadata service; that is a network call that
 * hangs on machines outside EC2, so it is left out: a worker on EC2 without {@code AWS_REGION} must
 * name the region in the config.
 */
public final class AwsRegions {

  private AwsRegions() {}

  /** The region the worker's JVM names through {@code aws.region} or {@code AWS_REGION}. */
  public static Optional<Region> fromEnvironment() {
    return SdkSystemSetting.AWS_REGION
        .getStringValue()
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .map(Region::of);
  }

  /** The region of the first well-formed ARN among {@code arns}; malformed ones are skipped. */
  public static Optional<Region> fromArns(Collection<String> arns) {
    for (String arn : arns) {
      if (!AwsArn.looksLikeArn(arn)) {
        continue;
      }
      try {
        AwsArn parsed = AwsArn.parse(arn);
        if (!parsed.region().isEmpty()) {
          return Optional.of(parsed.awsRegion());
        }
      } catch (IllegalArgumentException malformed) {
        // The connector reports malformed ARNs against its own key; here they just give no region.
      }
    }
    return Optional.empty();
  }

  /**
   * The region to build clients for: the settings' region (configured or taken from an ARN with
   * {@link AwsSettings#withRegionFromArn}), else the environment's.
   *
   * @throws ConfigException when neither names a region
   */
  public static Region resolve(AwsSettings settings) {
    return settings
        .region()
        .or(AwsRegions::fromEnvironment)
        .orElseThrow(
            () ->
                new ConfigException(
                    AwsConfig.REGION_CONFIG,
                    null,
                    "no region is set: give aws.region (e.g. us-east-1), a stream ARN, or set"
                        + " AWS_REGION on the worker"));
  }
}
