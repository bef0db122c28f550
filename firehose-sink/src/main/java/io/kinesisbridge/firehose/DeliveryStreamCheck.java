package io.kinesisbridge.firehose;

import io.kinesisbridge.common.aws.AwsArn;
import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.ValidationCalls;
import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.firehose.client.DeliveryStreamInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.firehose.FirehoseClient;

import java.util.Map;
import java.util.Optional;

/**
 * The validate-time check that the configured delivery stream exists, is ACTIVE and is of type
 * Direct PUT. It only speaks up when AWS answers; without credentials or network at validation time
 * it stays silent (the task reports the problem when it starts), so validation never fails on the
 * validator's environment.
 */
final class DeliveryStreamCheck {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryStreamCheck.class);

  /** DescribeDeliveryStream of one name; throws what the SDK throws. */
  @FunctionalInterface
  interface Describer {
    DeliveryStreamInfo describe(String deliveryStream);
  }

  private DeliveryStreamCheck() {}

  /** A (key, message) to report, or empty when the stream is fine or could not be checked. */
  static Optional<Map.Entry<String, String>> check(Map<String, String> props) {
    FirehoseSinkConfig config = new FirehoseSinkConfig(ValidationCalls.quick(props));
    String template = config.deliveryStreamTemplate();
    if (template == null || template.contains(FirehoseSinkConfig.TOPIC_TEMPLATE)) {
      return Optional.empty(); // one delivery stream per topic: topics are not known here
    }
    try (AwsClientFactory clients = AwsClientFactory.create(config.awsSettings());
        FirehoseClient firehose = clients.firehose()) {
      return check(
          props,
          name ->
              DeliveryStreamInfo.of(
                  firehose
                      .describeDeliveryStream(b -> b.deliveryStreamName(name))
                      .deliveryStreamDescription()));
    } catch (RuntimeException e) {
      // No region, no credentials: the AWS group's own checks speak about those.
      LOG.info("Could not check the delivery stream during validation: {}", e.toString());
      return Optional.empty();
    }
  }

  /** The check against a given describer; unit tests pass a fake. */
  static Optional<Map.Entry<String, String>> check(Map<String, String> props, Describer firehose) {
    FirehoseSinkConfig config = new FirehoseSinkConfig(props);
    String template = config.deliveryStreamTemplate();
    if (template == null || template.contains(FirehoseSinkConfig.TOPIC_TEMPLATE)) {
      return Optional.empty();
    }
    String key =
        blank(props.get(FirehoseSinkConfig.DELIVERY_STREAM_ARN_CONFIG))
            ? FirehoseSinkConfig.DELIVERY_STREAM_CONFIG
            : FirehoseSinkConfig.DELIVERY_STREAM_ARN_CONFIG;
    AwsArn arn =
        AwsArn.looksLikeArn(template) ? AwsArn.parseFirehoseDeliveryStream(template) : null;
    String name = arn == null ? template : arn.resourceName();
    try {
      return firehose.describe(name).problem().map(problem -> Map.entry(key, problem));
    } catch (RuntimeException e) {
      Optional<Map.Entry<String, String>> proxy =
          ValidationCalls.proxyRefusal(ErrorClassifier.classify(e), props);
      return proxy.isPresent() ? proxy : verdictOnFailure(config, key, name, arn, e);
    }
  }

  private static Optional<Map.Entry<String, String>> verdictOnFailure(
      FirehoseSinkConfig config, String key, String name, AwsArn arn, RuntimeException e) {
    ErrorClassification why = ErrorClassifier.classify(e);
    if ("ResourceNotFoundException".equalsIgnoreCase(why.code())) {
      String region =
          config.awsSettings().region().map(Object::toString).orElse("the configured region");
      return Optional.of(
          Map.entry(
              key,
              "Delivery stream '"
                  + name
                  + "' does not exist in "
                  + region
                  + ". Create it (source: Direct PUT) or fix the name."
                  + otherAccountHint(config, arn)));
    }
    if (ValidationCalls.accessDenied(why)) {
      return Optional.of(
          Map.entry(
              key,
              "Not allowed to describe delivery stream '"
                  + name
                  + "': "
                  + why.reason()
                  + ". Allow firehose:DescribeDeliveryStream and firehose:PutRecordBatch on it."));
    }
    LOG.info("Could not check delivery stream '{}' during validation: {}", name, why.reason());
    return Optional.empty();
  }

  /**
   * Firehose's API takes only names, looked up in the caller's account, so a delivery stream in the
   * ARN's account is only found when the calls run in that account. Which account the credentials
   * belong to is unknown without a call to STS, so this is a hint, not a verdict.
   */
  private static String otherAccountHint(FirehoseSinkConfig config, AwsArn arn) {
    if (arn == null || config.awsSettings().assumeRole().isPresent()) {
      return "";
    }
    return " Firehose looks the name up in the account of the credentials; if that is not "
        + arn.accountId()
        + " (the ARN's account), set aws.sts.role.arn to a role in "
        + arn.accountId()
        + ".";
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
