package io.kinesisbridge.sink.key;

import org.apache.kafka.connect.sink.SinkRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Kinesis's partition key limits, and the fallback key shared by every strategy. */
public final class PartitionKeys {

  /** The longest partition key Kinesis accepts, in Unicode code points. */
  public static final int MAX_CODE_POINTS = 256;

  /** Prefix of the digest that stands in for a key longer than {@link #MAX_CODE_POINTS}. */
  public static final String DIGEST_PREFIX = "sha256:";

  private static final HexFormat HEX = HexFormat.of();

  private PartitionKeys() {}

  /**
   * {@code key} itself when it has at most {@value #MAX_CODE_POINTS} code points; otherwise {@code
   * sha256:} and the lower-case hex SHA-256 of its UTF-8 bytes, so equal long keys keep mapping to
   * the same shard.
   *
   * @param key a non-empty key
   */
  public static String fitToKinesis(String key) {
    // A String never has more code points than chars, so most keys skip the count.
    if (key.length() <= MAX_CODE_POINTS || key.codePointCount(0, key.length()) <= MAX_CODE_POINTS) {
      return key;
    }
    return digest(key);
  }

  /**
   * {@code <topic>-<partition>} of a record: the fallback key and the {@code topic-partition} form.
   */
  public static String topicPartition(SinkRecord record) {
    return record.topic() + "-" + record.kafkaPartition();
  }

  static String digest(String key) {
    try {
      // Long keys are rare, so a fresh digest per call is cheaper than keeping one per thread.
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return DIGEST_PREFIX + HEX.formatHex(sha256.digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
