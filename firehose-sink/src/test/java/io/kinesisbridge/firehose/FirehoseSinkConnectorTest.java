package io.kinesisbridge.firehose;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FirehoseSinkConnectorTest {

  private static List<String> errorsOf(Config config, String key) {
    return config.configValues().stream()
        .filter(v -> v.name().equals(key))
        .findFirst()
        .map(ConfigValue::errorMessages)
        .orElse(List.of());
  }

  private static Map<String, String> unreachable() {
    Map<String, String> props = new HashMap<>();
    props.put("connector.class", FirehoseSinkConnector.class.getName());
    props.put("firehose.delivery.stream", "deliveries");
    props.put("aws.region", "us-east-1");
    // Nothing listens on port 1: the delivery stream check cannot reach AWS.
    props.put("aws.endpoint.url", "http://127.0.0.1:1");
    props.put("aws.credentials.provider", "static");
    props.put("aws.access.key.id", "test");
    props.put("aws.secret.access.key", "test");
    return props;
  }

  @Test
  void validateStaysSilentAboutTheDeliveryStreamWhenAwsCannotBeReached() {
    Config config = new FirehoseSinkConnector().validate(unreachable());

    assertThat(config.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
  }

  @Test
  void validateReportsCrossFieldProblemsNextToTheirKeys() {
    Map<String, String> props = unreachable();
    props.remove("firehose.delivery.stream");
    props.put("firehose.format", "xml");

    Config config = new FirehoseSinkConnector().validate(props);

    assertThat(errorsOf(config, "firehose.delivery.stream"))
        .singleElement()
        .asString()
        .contains("Set firehose.delivery.stream");
    assertThat(errorsOf(config, "firehose.format"))
        .singleElement()
        .asString()
        .contains("bytes, json, csv");
  }

  @Test
  void startRefusesAConfigThatBreaksACrossFieldRule() {
    assertThatThrownBy(() -> new FirehoseSinkConnector().start(Map.of("aws.region", "us-east-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("firehose.delivery.stream");
  }

  @Test
  void everyTaskGetsTheConnectorsSettings() {
    FirehoseSinkConnector connector = new FirehoseSinkConnector();
    connector.start(unreachable());

    assertThat(connector.taskConfigs(3))
        .hasSize(3)
        .allSatisfy(c -> assertThat(c).isEqualTo(unreachable()));
    assertThat(connector.taskClass()).isEqualTo(FirehoseSinkTask.class);
  }

  @Test
  void aDeliveryStreamArnInTheNameKeyMustAgreeWithTheConfiguredRegion() {
    Map<String, String> props = unreachable();
    props.put(
        "firehose.delivery.stream", "arn:aws:firehose:eu-west-1:123456789012:deliverystream/d");

    Config config = new FirehoseSinkConnector().validate(props);

    assertThat(errorsOf(config, "aws.region"))
        .singleElement()
        .asString()
        .contains("aws.region is us-east-1 but")
        .contains("deliverystream/d is in eu-west-1");
  }

  @Test
  void aDeliveryStreamArnSuppliesTheRegionWhenNoneIsSet() {
    Map<String, String> props = unreachable();
    props.remove("aws.region");
    props.put(
        "firehose.delivery.stream", "arn:aws:firehose:eu-west-1:123456789012:deliverystream/d");

    Config config = new FirehoseSinkConnector().validate(props);

    assertThat(config.configValues()).allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
    assertThat(new FirehoseSinkConfig(props).awsSettings().region())
        .hasValueSatisfying(region -> assertThat(region.id()).isEqualTo("eu-west-1"));
  }
}
