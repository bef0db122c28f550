package io.kinesisbridge.firehose;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FirehoseConfigRulesTest {

  private static Map<String, String> props(String... pairs) {
    Map<String, String> props = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      props.put(pairs[i], pairs[i + 1]);
    }
    return props;
  }

  @Test
  void aValidConfigHasNoErrors() {
    assertThat(FirehoseConfigRules.check(props("firehose.delivery.stream", "orders-to-s3")))
        .isEmpty();
    assertThat(FirehoseConfigRules.check(props("firehose.delivery.stream", "kafka-${topic}")))
        .isEmpty();
    assertThat(
            FirehoseConfigRules.check(
                props(
                    "firehose.delivery.stream.arn",
                    "arn:aws:firehose:eu-west-1:123456789012:deliverystream/${topic}")))
        .isEmpty();
  }

  @Test
  void aMissingTargetAsksForANameOrArn() {
    assertThat(FirehoseConfigRules.check(props()))
        .containsKey("firehose.delivery.stream")
        .extractingByKey("firehose.delivery.stream")
        .asString()
        .contains("Direct PUT");
  }

  @Test
  void nameAndArnTogetherAreRejected() {
    Map<String, String> errors =
        FirehoseConfigRules.check(
            props(
                "firehose.delivery.stream", "a",
                "firehose.delivery.stream.arn",
                    "arn:aws:firehose:eu-west-1:123456789012:deliverystream/a"));

    assertThat(errors.get("firehose.delivery.stream.arn")).contains("not both");
  }

  @Test
  void anArnOfAnotherServiceOrABadNameIsExplained() {
    assertThat(
            FirehoseConfigRules.check(
                    props(
                        "firehose.delivery.stream.arn",
                        "arn:aws:kinesis:eu-west-1:123456789012:stream/a"))
                .get("firehose.delivery.stream.arn"))
        .contains("expected service 'firehose'");
    assertThat(
            FirehoseConfigRules.check(props("firehose.delivery.stream", "has spaces"))
                .get("firehose.delivery.stream"))
        .contains("1-64 letters");
  }

  @Test
  void anEmptyDelimiterOrAnUnknownEscapeIsExplained() {
    assertThat(
            FirehoseConfigRules.check(
                    props("firehose.delivery.stream", "a", "firehose.record.delimiter", ""))
                .get("firehose.record.delimiter"))
        .contains("'none'");
    assertThat(
            FirehoseConfigRules.check(
                    props("firehose.delivery.stream", "a", "firehose.record.delimiter", "\\N"))
                .get("firehose.record.delimiter"))
        .contains("unknown escape");
  }

  @Test
  void backoffsAndTheDeliveryTimeoutMustLeaveRoomForRetries() {
    Map<String, String> errors =
        FirehoseConfigRules.check(
            props(
                "firehose.delivery.stream", "a",
                "firehose.retry.backoff.ms", "20000",
                "firehose.retry.backoff.max.ms", "10000",
                "firehose.delivery.timeout.ms", "5000"));

    assertThat(errors).containsKeys("firehose.retry.backoff.ms", "firehose.delivery.timeout.ms");
  }

  @Test
  void anArnInTheDeliveryStreamKeyIsAcceptedAndCheckedLikeTheArnKey() {
    assertThat(
            FirehoseConfigRules.check(
                props(
                    "firehose.delivery.stream",
                    "arn:aws-cn:firehose:cn-north-1:123456789012:deliverystream/orders")))
        .isEmpty();
    assertThat(
            FirehoseConfigRules.check(
                props(
                    "firehose.delivery.stream",
                    "arn:aws:kinesis:eu-west-1:123456789012:stream/orders")))
        .extractingByKey("firehose.delivery.stream")
        .asString()
        .contains("expected service 'firehose' with resource type 'deliverystream'");
  }

  @Test
  void aRoleInAnotherAccountThanTheDeliveryStreamIsRejectedBecauseFirehoseLooksUpNamesOnly() {
    Map<String, String> errors =
        FirehoseConfigRules.check(
            props(
                "firehose.delivery.stream.arn",
                "arn:aws:firehose:eu-west-1:111111111111:deliverystream/orders",
                "aws.sts.role.arn",
                "arn:aws:iam::222222222222:role/writer"));

    assertThat(errors.get("firehose.delivery.stream.arn"))
        .contains("account 111111111111 but aws.sts.role.arn is a role in account 222222222222")
        .contains("use a role in account 111111111111");
  }

  @Test
  void aRoleInTheDeliveryStreamsAccountIsFine() {
    assertThat(
            FirehoseConfigRules.check(
                props(
                    "firehose.delivery.stream",
                    "arn:aws:firehose:eu-west-1:111111111111:deliverystream/orders",
                    "aws.sts.role.arn",
                    "arn:aws:iam::111111111111:role/writer")))
        .isEmpty();
  }

  @Test
  void sendingTombstonesNeedsTheEnvelopeFormat() {
    assertThat(
            FirehoseConfigRules.check(
                props(
                    "firehose.delivery.stream",
                    "orders-to-s3",
                    "firehose.null.value.behavior",
                    "send",
                    "firehose.format",
                    "json")))
        .containsOnlyKeys("firehose.null.value.behavior")
        .extractingByKey("firehose.null.value.behavior")
        .asString()
        .contains("needs firehose.format=envelope");
    assertThat(
            FirehoseConfigRules.check(
                props(
                    "firehose.delivery.stream",
                    "orders-to-s3",
                    "firehose.null.value.behavior",
                    "send",
                    "firehose.format",
                    "envelope")))
        .isEmpty();
  }
}
