package io.kinesisbridge.source.offset;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Connect source offset of a shard: the last delivered user record, and whether the shard is
 * closed and read to its end.
 *
 * @param sequence the Kinesis sequence number of the last delivered record
 * @param subsequence its index inside a KPL aggregate; 0 for a plain record
 * @param finished true once a closed shard is read to its end
 */
public record ShardOffset(String sequence, long subsequence, boolean finished) {

  /** Key of the sequence number in the offset map. */
  public static final String SEQUENCE = "sequence";

  /** Key of the sub-sequence number in the offset map. */
  public static final String SUBSEQUENCE = "subsequence";

  /** Key of the finished marker in the offset map. */
  public static final String FINISHED = "finished";

  /** Checks the fields. */
  public ShardOffset {
    Objects.requireNonNull(sequence, "sequence");
    if (sequence.isEmpty() || !sequence.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "a sequence number is a string of digits, not '" + sequence + "'");
    }
    if (subsequence < 0) {
      throw new IllegalArgumentException("subsequence must be 0 or more, not " + subsequence);
    }
  }

  /** The offset map Connect stores. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new HashMap<>();
    map.put(SEQUENCE, sequence);
    map.put(SUBSEQUENCE, subsequence);
    if (finished) {
      map.put(FINISHED, true);
    }
    return map;
  }

  /**
   * Reads an offset map back. JSON turns the sub-sequence into an Integer or a Long, so any whole
   * number is accepted.
   *
   * @return null for a null map (no offset)
   * @throws IllegalArgumentException naming the bad field when the map has the wrong shape
   */
  public static ShardOffset fromMap(Map<String, ?> map) {
    if (map == null) {
      return null;
    }
    Object sequence = map.get(SEQUENCE);
    if (!(sequence instanceof String text)) {
      throw new IllegalArgumentException(
          "offset field '" + SEQUENCE + "' must be a string of digits, got " + sequence);
    }
    Object sub = map.containsKey(SUBSEQUENCE) ? map.get(SUBSEQUENCE) : Long.valueOf(0);
    if (!(sub instanceof Integer || sub instanceof Long)) {
      throw new IllegalArgumentException(
          "offset field '" + SUBSEQUENCE + "' must be a whole number, got " + sub);
    }
    Object finished = map.containsKey(FINISHED) ? map.get(FINISHED) : Boolean.FALSE;
    if (!(finished instanceof Boolean done)) {
      throw new IllegalArgumentException(
          "offset field '" + FINISHED + "' must be true or false, got " + finished);
    }
    return new ShardOffset(text, ((Number) sub).longValue(), done);
  }

  /** The same position marked as the end of a closed shard. */
  public ShardOffset asFinished() {
    return new ShardOffset(sequence, subsequence, true);
  }

  /**
   * Whether a user record at {@code otherSequence}/{@code otherSub} was already delivered, i.e. is
   * at or before this position.
   */
  public boolean covers(String otherSequence, long otherSub) {
    int bySequence = new BigInteger(otherSequence).compareTo(new BigInteger(sequence));
    return bySequence < 0 || (bySequence == 0 && otherSub <= subsequence);
  }

  /** Of two offsets of one shard, the one further along; a finished one at the same position. */
  public static ShardOffset furthest(ShardOffset a, ShardOffset b) {
    if (a.covers(b.sequence, b.subsequence) && b.covers(a.sequence, a.subsequence)) {
      return a.finished ? a : b;
    }
    return a.covers(b.sequence, b.subsequence) ? a : b;
  }
}
