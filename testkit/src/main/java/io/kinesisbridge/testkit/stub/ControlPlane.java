package io.kinesisbridge.testkit.stub;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * The control-plane calls a sink makes before and while writing: CreateStream, DeleteStream,
 * DescribeStreamSummary, DescribeStream, ListShards and ListStreams. Streams are ACTIVE at once and
 * never reshard, so every shard is open and listed on one page.
 */
final class ControlPlane {

  /** The shard count of a stream created without one (on-demand streams start with 4). */
  private static final int DEFAULT_SHARDS = 4;

  private final StubStreams streams;

  ControlPlane(StubStreams streams) {
    this.streams = streams;
  }

  Reply createStream(RequestBody request) {
    String shards = request.field("ShardCount");
    int count;
    try {
      count = shards == null ? DEFAULT_SHARDS : Integer.parseInt(shards);
    } catch (NumberFormatException e) {
      throw KinesisError.validation("Value '" + shards + "' at 'shardCount' is not an integer");
    }
    return Reply.empty(streams.create(request.field("StreamName"), count));
  }

  Reply deleteStream(RequestBody request) {
    String name = request.streamName();
    if (name == null) {
      throw KinesisError.validation("Either StreamName or StreamARN should be provided.");
    }
    return Reply.empty(streams.delete(name));
  }

  Reply describeStreamSummary(RequestBody request) {
    StubStream stream = streams.require(request);
    return new Reply(
        stream,
        generator -> {
          generator.writeStartObject();
          generator.writeObjectFieldStart("StreamDescriptionSummary");
          writeStreamFields(generator, stream);
          generator.writeNumberField("OpenShardCount", stream.shardCount());
          generator.writeNumberField("ConsumerCount", 0);
          generator.writeNumberField("MaxRecordSizeInKiB", stream.maxRecordBytes() / 1024);
          generator.writeEndObject();
          generator.writeEndObject();
        });
  }

  Reply describeStream(RequestBody request) {
    StubStream stream = streams.require(request);
    return new Reply(
        stream,
        generator -> {
          generator.writeStartObject();
          generator.writeObjectFieldStart("StreamDescription");
          writeStreamFields(generator, stream);
          writeShards(generator, stream);
          generator.writeBooleanField("HasMoreShards", false);
          generator.writeEndObject();
          generator.writeEndObject();
        });
  }

  Reply listShards(RequestBody request) {
    StubStream stream = streams.require(request);
    return new Reply(
        stream,
        generator -> {
          generator.writeStartObject();
          writeShards(generator, stream);
          generator.writeEndObject();
        });
  }

  Reply listStreams() {
    return new Reply(
        null,
        generator -> {
          generator.writeStartObject();
          generator.writeArrayFieldStart("StreamNames");
          for (String name : streams.names()) {
            generator.writeString(name);
          }
          generator.writeEndArray();
          generator.writeBooleanField("HasMoreStreams", false);
          generator.writeEndObject();
        });
  }

  /**
   * Fields DescribeStream and DescribeStreamSummary share. StreamCreationTimestamp is left out: the
   * SDK does not require it, and timestamps are encoded differently in JSON and CBOR.
   */
  private static void writeStreamFields(JsonGenerator generator, StubStream stream)
      throws IOException {
    generator.writeStringField("StreamName", stream.name());
    generator.writeStringField("StreamARN", stream.arn());
    generator.writeStringField("StreamStatus", "ACTIVE");
    generator.writeObjectFieldStart("StreamModeDetails");
    generator.writeStringField("StreamMode", "PROVISIONED");
    generator.writeEndObject();
    generator.writeNumberField("RetentionPeriodHours", 24);
    generator.writeArrayFieldStart("EnhancedMonitoring");
    generator.writeStartObject();
    generator.writeArrayFieldStart("ShardLevelMetrics");
    generator.writeEndArray();
    generator.writeEndObject();
    generator.writeEndArray();
    generator.writeStringField("EncryptionType", "NONE");
  }

  private static void writeShards(JsonGenerator generator, StubStream stream) throws IOException {
    generator.writeArrayFieldStart("Shards");
    for (int shard = 0; shard < stream.shardCount(); shard++) {
      generator.writeStartObject();
      generator.writeStringField("ShardId", stream.shardId(shard));
      generator.writeObjectFieldStart("HashKeyRange");
      generator.writeStringField("StartingHashKey", stream.startingHashKey(shard).toString());
      generator.writeStringField("EndingHashKey", stream.endingHashKey(shard).toString());
      generator.writeEndObject();
      generator.writeObjectFieldStart("SequenceNumberRange");
      generator.writeStringField("StartingSequenceNumber", stream.startingSequenceNumber(shard));
      generator.writeEndObject();
      generator.writeEndObject();
    }
    generator.writeEndArray();
  }
}
