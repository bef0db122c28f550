package io.kinesisbridge.common.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.kinesisbridge.common.aggregation.ProtobufWriter.lengthDelimitedFieldSize;
import static io.kinesisbridge.common.aggregation.ProtobufWriter.varintFieldSize;

/**
 * Collects user records into one KPL aggregate and always knows its exact encoded size.
 *
 * <p>A sink must keep every Kinesis record under the stream's max record size, so before adding a
 * record it asks {@link #sizeIfAdded(UserRecord)}; the answer is exact (not an estimate) because it
 * accounts for key-table deduplication and for varints that grow a byte as indexes and lengths
 * cross 128, 16384, and so on. The sizes are kept incrementally, so each call costs the size of the
 * record, not of the aggregate.
 *
 * <p>Partition keys and explicit hash keys are deduplicated into the tables in first-seen order, as
 * the KPL does. The bytes are produced only by {@link #toByteArray()} / {@link #build()}, because
 * protobuf writes a message's fields in field-number order and the tables keep growing until then.
 *
 * <p>Not thread-safe: one batcher thread owns a builder. Building does not reset it; start a new
 * builder for the next aggregate.
 */
public final class AggregateBuilder {

  private final KeyTable partitionKeys = new KeyTable();
  private final KeyTable explicitHashKeys = new KeyTable();
  private final List<Entry> entries = new ArrayList<>();
  private UserRecord first;
  private long protobufSize;

  /** What one record adds: table entries that are new, its indexes, its embedded message size. */
  private record Plan(
      int partitionKeyIndex,
      byte[] newPartitionKey,
      int explicitHashKeyIndex,
      byte[] newExplicitHashKey,
      long messageSize,
      long protobufGrowth) {}

  /** A user record as it will be written: table indexes instead of keys. */
  private record Entry(int partitionKeyIndex, int explicitHashKeyIndex, byte[] data, int size) {}

  /** The encoded size in bytes the aggregate would have with {@code record} added. */
  public int sizeIfAdded(UserRecord record) {
    return encodedSize(protobufSize + plan(record).protobufGrowth());
  }

  /**
   * Adds {@code record} as the next user record (its sub-sequence number will be {@link #count()}).
   *
   * @throws IllegalArgumentException when its explicit hash key is not a valid decimal hash key,
   *     which Kinesis consumers could not route
   */
  public void add(UserRecord record) {
    Objects.requireNonNull(record, "record");
    if (record.explicitHashKey() != null) {
      HashKeys.parseExplicitHashKey(record.explicitHashKey());
    }
    Plan plan = plan(record);
    encodedSize(protobufSize + plan.protobufGrowth()); // fail before changing state
    if (plan.newPartitionKey() != null) {
      partitionKeys.add(record.partitionKey(), plan.newPartitionKey());
    }
    if (plan.newExplicitHashKey() != null) {
      explicitHashKeys.add(record.explicitHashKey(), plan.newExplicitHashKey());
    }
    entries.add(
        new Entry(
            plan.partitionKeyIndex(),
            plan.explicitHashKeyIndex(),
            record.data(),
            (int) plan.messageSize()));
    protobufSize += plan.protobufGrowth();
    if (first == null) {
      first = record;
    }
  }

  /** The exact length of {@link #toByteArray()} right now: magic, protobuf and MD5. */
  public int size() {
    return encodedSize(protobufSize);
  }

  /** How many user records were added. */
  public int count() {
    return entries.size();
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /**
   * The aggregate as a PutRecords-ready value, routed by the first user record's partition key and
   * explicit hash key (see {@link Aggregate}).
   *
   * @throws IllegalStateException when no record was added: an empty aggregate has no partition key
   *     to send it with, and AWS's KCL would not even recognise it as an aggregate
   */
  public Aggregate build() {
    if (first == null) {
      throw new IllegalStateException("cannot build an aggregate without user records");
    }
    return new Aggregate(
        first.partitionKey(), first.explicitHashKey(), toByteArray(), entries.size());
  }

  /** Encodes the records added so far (zero records give a valid, empty aggregate). */
  public byte[] toByteArray() {
    byte[] out = new byte[size()];
    System.arraycopy(KplFormat.MAGIC, 0, out, 0, KplFormat.MAGIC.length);
    ProtobufWriter writer = new ProtobufWriter(out, KplFormat.MAGIC.length);
    for (byte[] key : partitionKeys.utf8Keys()) {
      writer.writeBytesField(KplFormat.PARTITION_KEY_TABLE, key);
    }
    for (byte[] key : explicitHashKeys.utf8Keys()) {
      writer.writeBytesField(KplFormat.EXPLICIT_HASH_KEY_TABLE, key);
    }
    for (Entry entry : entries) {
      writeRecord(writer, entry);
    }
    int protobufEnd = writer.position();
    if (protobufEnd != out.length - KplFormat.CHECKSUM_LENGTH) {
      // The size bookkeeping and the writer disagree: a bug, and the sink's limits depend on it.
      throw new IllegalStateException(
          "wrote "
              + protobufEnd
              + " bytes but computed "
              + (out.length - KplFormat.CHECKSUM_LENGTH));
    }
    byte[] checksum = KplFormat.md5(out, KplFormat.MAGIC.length, (int) protobufSize);
    System.arraycopy(checksum, 0, out, protobufEnd, KplFormat.CHECKSUM_LENGTH);
    return out;
  }

  private static void writeRecord(ProtobufWriter writer, Entry entry) {
    writer.writeLengthPrefix(KplFormat.RECORDS, entry.size());
    writer.writeVarintField(KplFormat.PARTITION_KEY_INDEX, entry.partitionKeyIndex());
    if (entry.explicitHashKeyIndex() >= 0) {
      writer.writeVarintField(KplFormat.EXPLICIT_HASH_KEY_INDEX, entry.explicitHashKeyIndex());
    }
    writer.writeBytesField(KplFormat.DATA, entry.data());
  }

  private Plan plan(UserRecord record) {
    int pkIndex = partitionKeys.indexOf(record.partitionKey());
    byte[] newPk = pkIndex < 0 ? KeyTable.utf8(record.partitionKey()) : null;
    if (newPk != null) {
      pkIndex = partitionKeys.nextIndex();
    }
    int ehkIndex = -1;
    byte[] newEhk = null;
    if (record.explicitHashKey() != null) {
      ehkIndex = explicitHashKeys.indexOf(record.explicitHashKey());
      if (ehkIndex < 0) {
        newEhk = KeyTable.utf8(record.explicitHashKey());
        ehkIndex = explicitHashKeys.nextIndex();
      }
    }
    long messageSize = recordMessageSize(pkIndex, ehkIndex, record.data().length);
    long growth =
        tableEntrySize(newPk) + tableEntrySize(newEhk) + lengthDelimitedFieldSize(messageSize);
    return new Plan(pkIndex, newPk, ehkIndex, newEhk, messageSize, growth);
  }

  /** Size of one embedded Record message (without its own tag and length). */
  private static long recordMessageSize(int pkIndex, int ehkIndex, int dataLength) {
    long size = varintFieldSize(pkIndex) + lengthDelimitedFieldSize(dataLength);
    return ehkIndex >= 0 ? size + varintFieldSize(ehkIndex) : size;
  }

  private static long tableEntrySize(byte[] newKey) {
    return newKey == null ? 0 : lengthDelimitedFieldSize(newKey.length);
  }

  /** Adds magic and checksum; fails when the aggregate could no longer be held in one array. */
  private static int encodedSize(long protobufSize) {
    long total = protobufSize + KplFormat.OVERHEAD;
    if (total > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "aggregate of " + total + " bytes is larger than a Java array can hold");
    }
    return (int) total;
  }
}
