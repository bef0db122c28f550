package io.kinesisbridge.testkit.firehose;

import java.time.Clock;
import java.util.Collection;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The delivery streams of one endpoint, by name in ListDeliveryStreams' alphabetical order. */
final class DeliveryStreams {

  private final ConcurrentNavigableMap<String, DeliveryStream> byName =
      new ConcurrentSkipListMap<>();
  private final String account;
  private final Clock clock;

  DeliveryStreams(String account, Clock clock) {
    this.account = account;
    this.clock = clock;
  }

  String account() {
    return account;
  }

  /**
   * Adds an ACTIVE stream (real streams take a few seconds in CREATING; tests gain nothing from
   * waiting).
   *
   * @throws FirehoseError ResourceInUseException when the name is taken
   */
  DeliveryStream create(DeliveryStreamSpec spec, String region) {
    String arn = "arn:aws:firehose:" + region + ":" + account + ":deliverystream/" + spec.name();
    DeliveryStream stream = new DeliveryStream(spec, arn, clock.instant());
    if (byName.putIfAbsent(spec.name(), stream) != null) {
      throw FirehoseError.inUse(spec.name(), account);
    }
    return stream;
  }

  /**
   * The stream called {@code name}.
   *
   * @throws FirehoseError ResourceNotFoundException when there is none
   */
  DeliveryStream require(String name) {
    DeliveryStream stream = byName.get(name);
    if (stream == null) {
      throw FirehoseError.notFound(name, account);
    }
    return stream;
  }

  /** The stream called {@code name}, or null when there is none (or the name is null). */
  DeliveryStream find(String name) {
    return name == null ? null : byName.get(name);
  }

  /** Removes the stream and drops what it buffered. */
  void delete(String name) {
    DeliveryStream stream = byName.remove(name);
    if (stream == null) {
      throw FirehoseError.notFound(name, account);
    }
    stream.delete();
  }

  /** The streams now, in name order. */
  Collection<DeliveryStream> all() {
    return byName.values();
  }

  /** The streams whose names come after {@code name} (all when null), in name order. */
  Collection<DeliveryStream> after(String name) {
    return name == null ? byName.values() : byName.tailMap(name, false).values();
  }
}
