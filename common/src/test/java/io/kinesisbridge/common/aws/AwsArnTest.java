package io.kinesisbridge.common.aws;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.regions.Region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AwsArnTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "arn:aws:kinesis:us-east-1:123456789012:stream/orders, aws, us-east-1, orders",
    "arn:aws-cn:kinesis:cn-north-1:123456789012:stream/orders.v2, aws-cn, cn-north-1, orders.v2",
    "arn:aws-us-gov:kinesis:us-gov-west-1:123456789012:stream/a_b-c, aws-us-gov, us-gov-west-1, a_b-c",
    "'  arn:aws:kinesis:eu-central-1:123456789012:stream/x  ', aws, eu-central-1, x",
  })
  void aKinesisStreamArnGivesPartitionRegionAccountAndName(
      String arn, String partition, String region, String name) {
    AwsArn parsed = AwsArn.parseKinesisStream(arn);

    assertThat(parsed.partition()).isEqualTo(partition);
    assertThat(parsed.service()).isEqualTo("kinesis");
    assertThat(parsed.region()).isEqualTo(region);
    assertThat(parsed.awsRegion()).isEqualTo(Region.of(region));
    assertThat(parsed.accountId()).isEqualTo("123456789012");
    assertThat(parsed.resourceType()).isEqualTo("stream");
    assertThat(parsed.resourceName()).isEqualTo(name);
  }

  @Test
  void aFirehoseDeliveryStreamArnGivesItsName() {
    AwsArn parsed =
        AwsArn.parseFirehoseDeliveryStream(
            "arn:aws:firehose:eu-west-1:123456789012:deliverystream/to-s3");

    assertThat(parsed.region()).isEqualTo("eu-west-1");
    assertThat(parsed.resourceType()).isEqualTo("deliverystream");
    assertThat(parsed.resourceName()).isEqualTo("to-s3");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:iam::123456789012:role/kinesis-writer",
        "arn:aws:iam::123456789012:role/service-role/path/kinesis-writer",
        "arn:aws-cn:iam::123456789012:role/writer@example.com",
      })
  void iamRoleArnsWithAndWithoutPathAreAccepted(String arn) {
    assertThat(AwsArn.parseIamRole(arn).resourceType()).isEqualTo("role");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "orders | does not have the shape arn:<partition>:<service>",
        "arn:aws:kinesis:us-east-1:123456789012 | does not have the shape",
        "urn:aws:kinesis:us-east-1:123456789012:stream/x | does not have the shape",
        "arn:aws-iso:kinesis:us-iso-east-1:123456789012:stream/x | partition 'aws-iso' is not one of",
        "arn:aws:kinesis:useast1:123456789012:stream/x | 'useast1' is not a region name",
        "arn:aws:kinesis:cn-north-1:123456789012:stream/x | belongs to partition aws-cn, not aws",
        "arn:aws:kinesis:us-east-1:1234:stream/x | account id '1234' is not 12 digits",
        "arn:aws:kinesis:us-east-1:123456789012:stream | not of the form <type>/<name>",
        "arn:aws:kinesis:us-east-1:123456789012:stream/ | not of the form <type>/<name>",
        "arn:aws::us-east-1:123456789012:stream/x | the service is empty",
      })
  void malformedArnsAreRejectedWithTheReason(String arn, String reason) {
    assertThatThrownBy(() -> AwsArn.parse(arn))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Invalid ARN '" + arn + "'")
        .hasMessageContaining(reason);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "arn:aws:firehose:us-east-1:123456789012:deliverystream/x | expected service 'kinesis' with resource type 'stream'",
        "arn:aws:kinesis:us-east-1:123456789012:stream/x/consumer/efo:1 | names a stream consumer",
        "arn:aws:kinesis:us-east-1:123456789012:stream/bad$name | must be 1-128 letters",
        "arn:aws:kinesis::123456789012:stream/x | the region part is empty",
      })
  void aKinesisStreamArnMustNameAStream(String arn, String reason) {
    assertThatThrownBy(() -> AwsArn.parseKinesisStream(arn))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @Test
  void aDeliveryStreamNameLongerThan64CharsIsRejected() {
    String arn = "arn:aws:firehose:us-east-1:123456789012:deliverystream/" + "a".repeat(65);

    assertThatThrownBy(() -> AwsArn.parseFirehoseDeliveryStream(arn))
        .hasMessageContaining("must be 1-64 letters");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "arn:aws:iam::123456789012:user/alice | got 'iam' with 'user'",
        "arn:aws:iam:us-east-1:123456789012:role/writer | the region part must be empty",
        "arn:aws:sts::123456789012:assumed-role/writer/session | expected service 'iam' with resource type 'role'",
      })
  void aRoleArnMustBeAnIamRole(String arn, String reason) {
    assertThatThrownBy(() -> AwsArn.parseIamRole(arn))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void anEmptyArnIsRejected(String arn) {
    assertThatThrownBy(() -> AwsArn.parse(arn)).hasMessageContaining("empty");
  }

  @Test
  void streamNamesAndArnsAreToldApart() {
    assertThat(AwsArn.looksLikeArn("arn:aws:kinesis:us-east-1:123456789012:stream/x")).isTrue();
    assertThat(AwsArn.looksLikeArn("orders")).isFalse();
    assertThat(AwsArn.looksLikeArn(null)).isFalse();
  }

  @Test
  void aGlobalArnHasNoRegionToGive() {
    AwsArn role = AwsArn.parseIamRole("arn:aws:iam::123456789012:role/r");

    assertThatThrownBy(role::awsRegion).isInstanceOf(IllegalStateException.class);
  }
}
