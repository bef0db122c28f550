package io.kinesisbridge.common.aggregation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Constants of the KPL aggregation format and the MD5 both its checksum and hash keys use. */
final class KplFormat {

  /** Leading bytes that mark a Kinesis record as a KPL aggregate. */
  static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

  /** Length of the trailing MD5 of the protobuf message. */
  static final int CHECKSUM_LENGTH = 16;

  /** Bytes an aggregate carries besides its protobuf message. */
  static final int OVERHEAD = MAGIC.length + CHECKSUM_LENGTH;

  // Field numbers of AggregatedRecord.
  static final int PARTITION_KEY_TABLE = 1;
  static final int EXPLICIT_HASH_KEY_TABLE = 2;
  static final int RECORDS = 3;

  // Field numbers of Record.
  static final int PARTITION_KEY_INDEX = 1;
  static final int EXPLICIT_HASH_KEY_INDEX = 2;
  static final int DATA = 3;

  private KplFormat() {}

  /** True when {@code data} begins with {@link #MAGIC}. */
  static boolean startsWithMagic(byte[] data) {
    if (data.length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (data[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /** MD5 of a slice of {@code data}. */
  static byte[] md5(byte[] data, int offset, int length) {
    MessageDigest digest = newMd5();
    digest.update(data, offset, length);
    return digest.digest();
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide MD5 (MessageDigest javadoc), so this is a broken JRE.
      throw new IllegalStateException("MD5 is not available in this JRE", e);
    }
  }
}
