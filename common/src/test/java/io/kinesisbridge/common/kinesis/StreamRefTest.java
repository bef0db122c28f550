package io.kinesisbridge.common.kinesis;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamRefTest {

  private static final String CROSS_ACCOUNT =
      "arn:aws:kinesis:eu-west-1:123456789012:stream/orders";

  @Test
  void aNameIsSentAsStreamNameOnly() {
    StreamRef stream = StreamRef.parse(" orders ");

    assertThat(stream.name()).isEqualTo("orders");
    assertThat(stream.streamNameParameter()).isEqualTo("orders");
    assertThat(stream.streamArnParameter()).isNull();
    assertThat(stream.region()).isEmpty();
    assertThat(stream.accountId()).isEmpty();
  }

  @Test
  void anArnIsSentAsStreamArnOnlyAndKeepsItsAccount() {
    StreamRef stream = StreamRef.parse(CROSS_ACCOUNT);

    assertThat(stream.name()).isEqualTo("orders");
    assertThat(stream.streamArnParameter()).isEqualTo(CROSS_ACCOUNT);
    assertThat(stream.streamNameParameter()).isNull();
    assertThat(stream.region()).contains(Region.EU_WEST_1);
    assertThat(stream.accountId()).contains("123456789012");
    assertThat(stream).hasToString(CROSS_ACCOUNT);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "arn:aws-cn:kinesis:cn-north-1:123456789012:stream/orders, cn-north-1",
    "arn:aws-us-gov:kinesis:us-gov-west-1:123456789012:stream/orders, us-gov-west-1",
  })
  void arnsOfTheChinaAndGovCloudPartitionsAreKeptAsGiven(String arn, String region) {
    StreamRef stream = StreamRef.parse(arn);

    assertThat(stream.streamArnParameter()).isEqualTo(arn);
    assertThat(stream.region()).contains(Region.of(region));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "arn:aws:firehose:eu-west-1:123456789012:deliverystream/orders | expected service 'kinesis'",
        "arn:aws:kinesis:eu-west-1:123456789012:table/orders | with resource type 'stream'",
        "arn:azure:kinesis:eu-west-1:123456789012:stream/orders | partition 'azure' is not one of",
        "arn:aws:kinesis:cn-north-1:123456789012:stream/orders | belongs to partition aws-cn",
        "arn:aws:kinesis:eu-west-1:1234:stream/orders | account id '1234' is not 12 digits",
        "arn:aws:kinesis:eu-west-1:123456789012:stream/orders/consumer/c:1 | names a stream consumer",
        "orders!| is not a stream name",
      })
  void aBadValueIsRejectedInPlainWords(String value, String why) {
    assertThatThrownBy(() -> StreamRef.parse(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(why);
  }

  @Test
  void listShardsAsksByArnWhenTheStreamWasGivenByArn() {
    ListShardsRequest request = ShardLister.firstPage(StreamRef.parse(CROSS_ACCOUNT));

    assertThat(request.streamARN()).isEqualTo(CROSS_ACCOUNT);
    assertThat(request.streamName()).isNull();
  }

  @Test
  void listShardsAsksByNameWhenTheStreamWasGivenByName() {
    ListShardsRequest request = ShardLister.firstPage(StreamRef.parse("orders"));

    assertThat(request.streamName()).isEqualTo("orders");
    assertThat(request.streamARN()).isNull();
  }

  @Test
  void theSameStreamByNameAndByArnAreDifferentReferences() {
    assertThat(StreamRef.parse("orders")).isNotEqualTo(StreamRef.parse(CROSS_ACCOUNT));
    assertThat(StreamRef.parse(CROSS_ACCOUNT)).isEqualTo(StreamRef.parse(" " + CROSS_ACCOUNT));
  }
}
