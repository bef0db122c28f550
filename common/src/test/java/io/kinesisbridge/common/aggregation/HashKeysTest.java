package io.kinesisbridge.common.aggregation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashKeysTest {

  // Expected values: MD5 hex digests (well known for "" and "a"), as decimal integers.
  @ParameterizedTest(name = "\"{0}\" hashes to {1}")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "''|281949768489412648962353822266799178366", // d41d8cd98f00b204e9800998ecf8427e
        "a|16955237001963240173058271559858726497", // 0cc175b9c0f1b6a831c399e269772661
        "partition-key-1|33365116028791453877729010807000998774", // 1919e33a21e68e961f03b16ba66b2376
        "héllo 🌍|218083541629712065728080896265034610687" // a4115cc10566f0181d01df50100b37ff
      })
  void hashKeyOfMatchesKnownMd5Values(String partitionKey, String expected) {
    assertThat(HashKeys.hashKeyOf(partitionKey)).isEqualTo(new BigInteger(expected));
  }

  @Test
  void hashKeyOfIsTheUnsignedMd5OfTheUtf8Key() {
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      String key = randomKey(random);
      BigInteger expected =
          new BigInteger(1, TestRecords.md5(key.getBytes(StandardCharsets.UTF_8)));

      assertThat(HashKeys.hashKeyOf(key)).as(key).isEqualTo(expected);
    }
  }

  @Test
  void aDigestWithItsHighBitSetIsStillPositive() {
    // MD5("") starts with 0xd4: read as signed it would be negative.
    assertThat(HashKeys.hashKeyOf("")).isPositive().isLessThanOrEqualTo(HashKeys.MAX_HASH_KEY);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0",
        "1",
        "170141183460469231731687303715884105728",
        "340282366920938463463374607431768211455"
      })
  void validExplicitHashKeysParseAsDecimals(String explicitHashKey) {
    assertThat(HashKeys.parseExplicitHashKey(explicitHashKey))
        .isEqualTo(new BigInteger(explicitHashKey));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "-1",
        "+1",
        "01",
        " 1",
        "1.0",
        "ff",
        "340282366920938463463374607431768211456"
      })
  void invalidExplicitHashKeysAreRejected(String explicitHashKey) {
    assertThatThrownBy(() -> HashKeys.parseExplicitHashKey(explicitHashKey))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("explicit hash key");
  }

  @Test
  void theEffectiveHashKeyIsTheExplicitOneWhenPresent() {
    assertThat(HashKeys.effectiveHashKey(new UserRecord("a", "12345", new byte[0])))
        .isEqualTo(BigInteger.valueOf(12345));
  }

  @Test
  void theEffectiveHashKeyIsTheMd5OfThePartitionKeyOtherwise() {
    assertThat(HashKeys.effectiveHashKey(UserRecord.of("a", new byte[0])))
        .isEqualTo(HashKeys.hashKeyOf("a"));
  }

  private static String randomKey(Random random) {
    StringBuilder key = new StringBuilder();
    int length = 1 + random.nextInt(40);
    for (int i = 0; i < length; i++) {
      key.appendCodePoint(
          switch (random.nextInt(3)) {
            case 0 -> 'a' + random.nextInt(26);
            case 1 -> 0x80 + random.nextInt(0xD800 - 0x80); // two and three UTF-8 bytes
            default -> 0x10000 + random.nextInt(0x10000); // four bytes, a surrogate pair in Java
          });
    }
    return key.toString();
  }
}
