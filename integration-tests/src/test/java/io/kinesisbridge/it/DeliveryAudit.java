package io.kinesisbridge.it;

import io.kinesisbridge.it.ContinuousProducer.Sent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a connector did with the records of a load generator, phase by phase of a test run: records
 * never delivered (charged to the phase they were produced in), copies beyond the first (charged to
 * the phase the extra copy arrived in) and records whose first copy arrived after a later record of
 * the same key (charged to the phase it arrived in).
 *
 * <p>Values are {@code <lane>-<sequence>} as {@link ContinuousProducer} writes them: the key and
 * the lane prefix together name a series whose sequence numbers rise in the order written.
 * Delivered records are taken in the order a consumer reads them (a stream shard by shard, each in
 * sequence order; a topic partition by partition, each in offset order); a key stays in one shard
 * or partition, so that order is the key's order downstream.
 */
final class DeliveryAudit {

  /**
   * One copy of a record downstream: its value, the key it was written with ({@code ""} where the
   * destination keeps none), when it arrived, and what makes this copy a copy: the value itself for
   * a sink, the shard and sequence number for a source (a Kinesis record written twice is two
   * records, not a duplicate of the connector's).
   */
  record Delivered(String value, String key, Instant arrival, String identity) {
    Delivered {
      Objects.requireNonNull(arrival, () -> "arrival time of " + value);
    }

    /** A copy identified by its value. */
    static Delivered of(String value, String key, Instant arrival) {
      return new Delivered(value, key, arrival, value);
    }
  }

  /** The counts of one phase. */
  record Row(String phase, int produced, int lost, int duplicated, int reordered) {
    @Override
    public String toString() {
      return String.format(
          "%-22s produced %6d | lost %4d | duplicated %5d | reordered %3d",
          phase, produced, lost, duplicated, reordered);
    }
  }

  private final List<Row> rows;
  private final List<String> lostValues;
  private final List<String> reorderings;

  private DeliveryAudit(List<Row> rows, List<String> lostValues, List<String> reorderings) {
    this.rows = rows;
    this.lostValues = lostValues;
    this.reorderings = reorderings;
  }

  /**
   * Audits {@code delivered} against {@code sent}; {@code ordered} says whether the destination
   * keeps each key's order (Firehose keeps none: its reorderings are not counted).
   */
  static DeliveryAudit of(
      List<Sent> sent, EventWindows windows, List<Delivered> delivered, boolean ordered) {
    int phases = windows.names().size();
    int[] produced = new int[phases];
    int[] lost = new int[phases];
    int[] duplicated = new int[phases];
    int[] reordered = new int[phases];

    Map<String, List<Instant>> arrivals = new HashMap<>();
    Set<String> values = new HashSet<>();
    Map<String, Long> highestPerKey = new HashMap<>();
    List<String> reorderings = new ArrayList<>();
    for (Delivered record : delivered) {
      String value = record.value();
      List<Instant> copies = arrivals.computeIfAbsent(record.identity(), v -> new ArrayList<>());
      copies.add(record.arrival());
      if (!values.add(value) || !ordered) {
        continue;
      }
      String lane = record.key() + "/" + partitionOf(value);
      long sequence = sequenceOf(value);
      Long highest = highestPerKey.get(lane);
      if (highest != null && sequence < highest) {
        reordered[windows.indexOf(record.arrival())]++;
        reorderings.add(value + " of " + lane + " first arrived after " + highest);
      } else {
        highestPerKey.put(lane, sequence);
      }
    }
    arrivals.values().forEach(copies -> chargeExtraCopies(copies, windows, duplicated));

    Set<String> lostValues = new LinkedHashSet<>();
    for (Sent record : sent) {
      int phase = windows.indexOf(record.at());
      produced[phase]++;
      if (!values.contains(record.value())) {
        lost[phase]++;
        String lane = record.key() + "/" + partitionOf(record.value());
        Long highest = highestPerKey.get(lane);
        boolean overtaken = highest != null && highest > sequenceOf(record.value());
        lostValues.add(
            record.value()
                + " of "
                + lane
                + (overtaken ? " (a later record of the key arrived: " + highest + ")" : ""));
      }
    }
    List<Row> rows = new ArrayList<>();
    List<String> names = windows.names();
    for (int i = 0; i < phases; i++) {
      rows.add(new Row(names.get(i), produced[i], lost[i], duplicated[i], reordered[i]));
    }
    return new DeliveryAudit(rows, new ArrayList<>(lostValues), reorderings);
  }

  List<Row> rows() {
    return rows;
  }

  /**
   * Values produced and acknowledged but never delivered, each with its key and whether a later
   * record of that key was delivered.
   */
  List<String> lostValues() {
    return lostValues;
  }

  /** One line per record that first arrived after a later record of its key. */
  List<String> reorderings() {
    return reorderings;
  }

  int totalDuplicated() {
    return rows.stream().mapToInt(Row::duplicated).sum();
  }

  /** The copies after the earliest one, each charged to the phase it arrived in. */
  private static void chargeExtraCopies(
      List<Instant> copies, EventWindows windows, int[] duplicated) {
    if (copies.size() < 2) {
      return;
    }
    List<Instant> byArrival = new ArrayList<>(copies);
    byArrival.sort(null);
    for (Instant extra : byArrival.subList(1, byArrival.size())) {
      duplicated[windows.indexOf(extra)]++;
    }
  }

  private static String partitionOf(String value) {
    return value.substring(0, value.indexOf('-'));
  }

  private static long sequenceOf(String value) {
    return Long.parseLong(value.substring(value.indexOf('-') + 1));
  }
}
