package io.kinesisbridge.sink.key;

import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionKeysTest {

  private static final PartitionKeyStrategy KEY = PartitionKeyStrategy.parse("key");

  // Four chars, two code points each: U+1F600 and U+1F30D are surrogate pairs in a Java String.
  private static final String EMOJI = "\uD83D\uDE00";
  private static final String GLOBE = "\uD83C\uDF0D";

  private static String keyOf(String key) {
    return KEY.keyFor(new SinkRecord("t", 0, null, key, null, "v", 0L));
  }

  private static String sha256Hex(String text) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  @Test
  void aKeyOf256CodePointsIsKeptAsIs() {
    String ascii = "a".repeat(256);
    String pairs = EMOJI.repeat(256);

    assertThat(pairs).hasSize(512);
    assertThat(keyOf(ascii)).isSameAs(ascii);
    assertThat(keyOf(pairs)).isEqualTo(pairs);
  }

  @Test
  void aKeyOf257CodePointsIsReplacedByItsSha256() throws Exception {
    String ascii = "a".repeat(257);
    String pairs = EMOJI.repeat(255) + GLOBE + "x";

    assertThat(keyOf(ascii)).isEqualTo("sha256:" + sha256Hex(ascii)).hasSize(71);
    assertThat(keyOf(pairs)).isEqualTo("sha256:" + sha256Hex(pairs)).hasSize(71);
  }

  @Test
  void theDigestMatchesAKnownSha256Vector() {
    // FIPS 180-2 test vector for "abc".
    assertThat(PartitionKeys.digest("abc"))
        .isEqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void equalLongKeysGetEqualDigestsAndDifferentOnesDiffer() {
    String first = "k".repeat(300);
    String same = new String("k".repeat(300).toCharArray());
    String other = "k".repeat(299) + "j";

    assertThat(keyOf(first)).isEqualTo(keyOf(same)).isNotEqualTo(keyOf(other));
  }

  @Test
  void aLongFallbackIsShortenedToo() {
    String topic = "t".repeat(249);
    SinkRecord record = new SinkRecord(topic, 1234567, null, null, null, "v", 0L);
    String fallback = topic + "-1234567";

    assertThat(fallback.length()).isGreaterThan(PartitionKeys.MAX_CODE_POINTS);
    assertThat(KEY.keyFor(record)).isEqualTo(PartitionKeys.digest(fallback));
  }

  @Test
  void keysWithinTheLimitAreReturnedAsTheSameInstance() {
    String key = "x".repeat(100);

    assertThat(PartitionKeys.fitToKinesis(key)).isSameAs(key);
  }
}
