package io.kinesisbridge.sink;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SinkConfigRulesTest {

  private static Map<String, String> props(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("aws.region", "us-east-1");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return props;
  }

  @Test
  void aMissingStreamIsReportedAgainstTheStreamNameWithAnExample() {
    Map<String, String> errors = SinkConfigRules.check(props());

    assertThat(errors).containsOnlyKeys("kinesis.stream.name");
    assertThat(errors.get("kinesis.stream.name")).contains("kinesis.stream.arn", "${topic}");
  }

  @Test
  void aNameAndAnArnTogetherAreAConflict() {
    Map<String, String> errors =
        SinkConfigRules.check(
            props(
                "kinesis.stream.name", "a",
                "kinesis.stream.arn", "arn:aws:kinesis:us-east-1:123456789012:stream/a"));

    assertThat(errors).containsKey("kinesis.stream.arn");
  }

  @Test
  void aMalformedArnIsReportedWithTheParserReason() {
    Map<String, String> errors =
        SinkConfigRules.check(props("kinesis.stream.arn", "arn:aws:s3:::bucket"));

    assertThat(errors.get("kinesis.stream.arn")).contains("Invalid ARN");
  }

  @Test
  void aTemplatedArnIsAccepted() {
    assertThat(
            SinkConfigRules.check(
                props(
                    "kinesis.stream.arn",
                    "arn:aws:kinesis:eu-west-1:123456789012:stream/${topic}")))
        .isEmpty();
  }

  @Test
  void anArnInTheStreamNameIsAccepted() {
    assertThat(
            SinkConfigRules.check(
                props(
                    "kinesis.stream.name",
                    "arn:aws-us-gov:kinesis:us-gov-west-1:123456789012:stream/orders")))
        .isEmpty();
  }

  @Test
  void aMalformedArnInTheStreamNameIsReportedAgainstTheStreamName() {
    Map<String, String> errors =
        SinkConfigRules.check(
            props(
                "kinesis.stream.name",
                "arn:aws:kinesis:eu-west-1:123456789012:deliverystream/orders"));

    assertThat(errors.get("kinesis.stream.name"))
        .contains("expected service 'kinesis' with resource type 'stream'");
  }

  @Test
  void aStreamNameKinesisWouldRejectIsReportedInPlainWords() {
    assertThat(SinkConfigRules.check(props("kinesis.stream.name", "orders/eu")))
        .extractingByKey("kinesis.stream.name")
        .asString()
        .contains("is not a stream name");
  }

  @Test
  void backoffLongerThanItsMaximumOrTheDeliveryTimeoutIsRejected() {
    assertThat(
            SinkConfigRules.check(
                props(
                    "kinesis.stream.name", "s",
                    "kinesis.retry.backoff.ms", "5000",
                    "kinesis.retry.backoff.max.ms", "1000")))
        .containsKey("kinesis.retry.backoff.ms");
    assertThat(
            SinkConfigRules.check(
                props(
                    "kinesis.stream.name", "s",
                    "kinesis.delivery.timeout.ms", "2000",
                    "kinesis.retry.backoff.max.ms", "5000")))
        .containsKey("kinesis.delivery.timeout.ms");
  }

  @Test
  void sendingTombstonesNeedsTheEnvelopeFormat() {
    Map<String, String> valueFormat =
        SinkConfigRules.check(
            props("kinesis.stream.name", "orders", "kinesis.null.value.behavior", "send"));
    Map<String, String> envelope =
        SinkConfigRules.check(
            props(
                "kinesis.stream.name",
                "orders",
                "kinesis.null.value.behavior",
                "send",
                "kinesis.payload.format",
                "envelope"));

    assertThat(valueFormat)
        .containsOnlyKeys("kinesis.null.value.behavior")
        .extractingByKey("kinesis.null.value.behavior")
        .asString()
        .contains("needs kinesis.payload.format=envelope");
    assertThat(envelope).isEmpty();
  }

  @Test
  void conflictingAutoscalingKeysAreReportedOnlyWhenAutoscalingIsOn() {
    Map<String, String> off =
        props(
            "kinesis.stream.name", "orders",
            "kinesis.autoscale.min.shards", "8",
            "kinesis.autoscale.max.shards", "4",
            "kinesis.autoscale.scale.in.utilization", "0.9");
    Map<String, String> on = new HashMap<>(off);
    on.put("kinesis.autoscale.enabled", "true");

    assertThat(SinkConfigRules.check(off)).isEmpty();
    assertThat(SinkConfigRules.check(on))
        .containsOnlyKeys("kinesis.autoscale.min.shards", "kinesis.autoscale.scale.in.utilization");
  }
}
