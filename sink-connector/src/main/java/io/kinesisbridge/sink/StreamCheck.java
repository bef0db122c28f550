package io.kinesisbridge.sink;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.ValidationCalls;
import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.common.kinesis.StreamRef;
import io.kinesisbridge.sink.kinesis.SdkKinesisPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;

import java.util.Map;
import java.util.Optional;

/**
 * The validate-time check that the configured stream exists and accepts writes. It only speaks up
 * when AWS answers; without credentials or network at validation time it stays silent (the task
 * reports the problem when it starts), so validation never fails on the validator's environment.
 */
final class StreamCheck {

  private static final Logger LOG = LoggerFactory.getLogger(StreamCheck.class);

  private StreamCheck() {}

  /** A (key, message) to report, or empty when the stream is fine or could not be checked. */
  static Optional<Map.Entry<String, String>> check(Map<String, String> props) {
    KinesisSinkConfig config = new KinesisSinkConfig(ValidationCalls.quick(props));
    String template = config.streamTemplate();
    if (template == null || template.contains(KinesisSinkConfig.TOPIC_TEMPLATE)) {
      return Optional.empty(); // one stream per topic: topics are not known here
    }
    String key =
        props.containsKey(KinesisSinkConfig.STREAM_ARN_CONFIG)
            ? KinesisSinkConfig.STREAM_ARN_CONFIG
            : KinesisSinkConfig.STREAM_NAME_CONFIG;
    StreamRef stream = StreamRef.parse(template);
    try (AwsClientFactory clients = AwsClientFactory.create(config.awsSettings());
        KinesisClient kinesis = clients.kinesis()) {
      StreamDescriptionSummary summary =
          kinesis
              .describeStreamSummary(SdkKinesisPort.describeRequest(stream))
              .streamDescriptionSummary();
      String status = summary.streamStatusAsString();
      if (!"ACTIVE".equals(status) && !"UPDATING".equals(status)) {
        return Optional.of(
            Map.entry(key, "Stream '" + stream + "' is " + status + ", not ACTIVE."));
      }
      return config
          .scalingPolicy()
          .flatMap(policy -> AutoscaleCheck.check(kinesis, stream, summary, policy));
    } catch (ResourceNotFoundException e) {
      return Optional.of(
          Map.entry(
              key,
              "Stream '"
                  + stream
                  + "' does not exist in "
                  + config
                      .awsSettings()
                      .region()
                      .map(Object::toString)
                      .orElse("the configured region")
                  + ". Create it or fix the name."));
    } catch (RuntimeException e) {
      ErrorClassification why = ErrorClassifier.classify(e);
      Optional<Map.Entry<String, String>> proxy = ValidationCalls.proxyRefusal(why, props);
      if (proxy.isPresent()) {
        return proxy;
      }
      if (ValidationCalls.accessDenied(why)) {
        return Optional.of(
            Map.entry(key, "Not allowed to describe stream '" + stream + "': " + why.reason()));
      }
      LOG.info("Could not check stream '{}' during validation: {}", stream, why.reason());
      return Optional.empty();
    }
  }
}
