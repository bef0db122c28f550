package io.kinesisbridge.testkit.firehose;

/**
 * An S3 object a {@link FirehoseEndpoint} delivered, so a test can find and read it back.
 *
 * @param stream the delivery stream it came from
 * @param bucket the bucket it was written to
 * @param key its key, in Firehose's layout
 * @param records how many records it holds
 * @param bytes its size
 */
public record DeliveredObject(String stream, String bucket, String key, int records, long bytes) {}
