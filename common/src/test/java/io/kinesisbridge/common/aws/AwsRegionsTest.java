package io.kinesisbridge.common.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AwsRegionsTest {

  @Test
  void theFirstWellFormedArnGivesTheRegion() {
    assertThat(
            AwsRegions.fromArns(
                List.of(
                    "orders",
                    "arn:aws:kinesis:nowhere:123456789012:stream/x",
                    "arn:aws:iam::123456789012:role/r",
                    "arn:aws:firehose:sa-east-1:123456789012:deliverystream/d",
                    "arn:aws:kinesis:us-east-1:123456789012:stream/y")))
        .contains(Region.SA_EAST_1);
  }

  @Test
  void noArnsGiveNoRegion() {
    assertThat(AwsRegions.fromArns(List.of())).isEmpty();
  }

  @Test
  void aConfiguredRegionIsResolvedAsIs() {
    AwsSettings settings = AwsSettings.from(Map.of(AwsConfig.REGION_CONFIG, "us-gov-west-1"));

    assertThat(AwsRegions.resolve(settings)).isEqualTo(Region.US_GOV_WEST_1);
  }
}
