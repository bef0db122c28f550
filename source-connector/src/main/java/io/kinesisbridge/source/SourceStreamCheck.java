package io.kinesisbridge.source;

import io.kinesisbridge.common.aws.AwsClientFactory;
import io.kinesisbridge.common.aws.ValidationCalls;
import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.common.kinesis.ShardLister;
import io.kinesisbridge.common.kinesis.StreamRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

import java.util.Map;
import java.util.Optional;

/**
 * The validate-time check that every configured stream exists, with ListShards (a call the polling
 * reader's IAM policy already allows). Like the sinks' check it only speaks up when AWS answers:
 * without credentials or network at validation time it stays silent and the connector reports the
 * problem when it starts.
 */
final class SourceStreamCheck {

  private static final Logger LOG = LoggerFactory.getLogger(SourceStreamCheck.class);

  private SourceStreamCheck() {}

  /** A (key, message) to report, or empty when the streams exist or could not be checked. */
  static Optional<Map.Entry<String, String>> check(Map<String, String> props) {
    KinesisSourceConfig config = new KinesisSourceConfig(ValidationCalls.quick(props));
    String key =
        config.getList(KinesisSourceConfig.STREAM_ARN_CONFIG).isEmpty()
            ? KinesisSourceConfig.STREAM_NAME_CONFIG
            : KinesisSourceConfig.STREAM_ARN_CONFIG;
    try (AwsClientFactory clients = AwsClientFactory.create(config.awsSettings());
        KinesisClient kinesis = clients.kinesis()) {
      for (StreamRef stream : config.streamRefs()) {
        try {
          kinesis.listShards(ShardLister.firstPage(stream).toBuilder().maxResults(1).build());
        } catch (ResourceNotFoundException e) {
          return Optional.of(Map.entry(key, missing(stream, clients)));
        }
      }
      return Optional.empty();
    } catch (RuntimeException e) {
      ErrorClassification why = ErrorClassifier.classify(e);
      Optional<Map.Entry<String, String>> proxy = ValidationCalls.proxyRefusal(why, props);
      if (proxy.isPresent()) {
        return proxy;
      }
      if (ValidationCalls.accessDenied(why)) {
        return Optional.of(Map.entry(key, "Not allowed to list the shards: " + why.reason()));
      }
      LOG.info("Could not check the streams during validation: {}", why.reason());
      return Optional.empty();
    }
  }

  /** The message for a stream that does not exist. */
  static String missing(StreamRef stream, AwsClientFactory clients) {
    return "Stream '"
        + stream
        + "' does not exist in "
        + clients.region()
        + ". Create it or fix the name.";
  }
}
