package io.kinesisbridge.sink.autoscale;

import io.kinesisbridge.common.kinesis.StreamRef;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.Tag;

import java.util.HashMap;
import java.util.Map;

/** {@link ScalingPort} over the AWS SDK's synchronous Kinesis client, by name or by ARN. */
public final class SdkScalingPort implements ScalingPort {

  private final KinesisClient kinesis;
  private final StreamRef stream;

  /** Calls about {@code stream} through {@code kinesis}, which the caller closes. */
  public SdkScalingPort(KinesisClient kinesis, StreamRef stream) {
    this.kinesis = kinesis;
    this.stream = stream;
  }

  @Override
  public ScalingPort.StreamSummary describe() {
    StreamDescriptionSummary summary =
        kinesis
            .describeStreamSummary(
                b ->
                    b.streamName(stream.streamNameParameter())
                        .streamARN(stream.streamArnParameter()))
            .streamDescriptionSummary();
    boolean onDemand =
        summary.streamModeDetails() != null
            && summary.streamModeDetails().streamMode() == StreamMode.ON_DEMAND;
    StreamState state;
    if (onDemand) {
      state = StreamState.ON_DEMAND;
    } else if (summary.streamStatus() == StreamStatus.ACTIVE) {
      state = StreamState.ACTIVE;
    } else {
      state = StreamState.UPDATING;
    }
    int open = summary.openShardCount() == null ? 1 : Math.max(1, summary.openShardCount());
    return new ScalingPort.StreamSummary(state, open);
  }

  @Override
  public void updateShardCount(int target) {
    kinesis.updateShardCount(
        b ->
            b.streamName(stream.streamNameParameter())
                .streamARN(stream.streamArnParameter())
                .targetShardCount(target)
                .scalingType(ScalingType.UNIFORM_SCALING));
  }

  @Override
  public Map<String, String> tags() {
    Map<String, String> tags = new HashMap<>();
    String after = null;
    ListTagsForStreamResponse page;
    do {
      String start = after;
      page =
          kinesis.listTagsForStream(
              b ->
                  b.streamName(stream.streamNameParameter())
                      .streamARN(stream.streamArnParameter())
                      .exclusiveStartTagKey(start));
      for (Tag tag : page.tags()) {
        tags.put(tag.key(), tag.value());
        after = tag.key();
      }
    } while (Boolean.TRUE.equals(page.hasMoreTags()) && !page.tags().isEmpty());
    return tags;
  }

  @Override
  public void tag(String key, String value) {
    kinesis.addTagsToStream(
        b ->
            b.streamName(stream.streamNameParameter())
                .streamARN(stream.streamArnParameter())
                .tags(Map.of(key, value)));
  }
}
