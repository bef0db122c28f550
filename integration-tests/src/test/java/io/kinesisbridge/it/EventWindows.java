package io.kinesisbridge.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The phases of a test run, each from the moment it began to the beginning of the next (the last
 * one open-ended): what happened to a record downstream is charged to the phase it happened in.
 */
final class EventWindows {

  private final List<String> names = new ArrayList<>();
  private final List<Instant> starts = new ArrayList<>();

  /** Ends the current phase and begins {@code name} now. */
  synchronized void begin(String name) {
    names.add(name);
    starts.add(Instant.now());
  }

  synchronized List<String> names() {
    return List.copyOf(names);
  }

  /**
   * The index of the phase {@code at} falls into; an instant before the first phase counts to the
   * first one.
   */
  synchronized int indexOf(Instant at) {
    int index = 0;
    for (int i = 0; i < starts.size(); i++) {
      if (!at.isBefore(starts.get(i))) {
        index = i;
      }
    }
    return index;
  }
}
