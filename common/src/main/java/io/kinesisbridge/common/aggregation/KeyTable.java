package io.kinesisbridge.common.aggregation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One of the two key tables of an aggregate: distinct keys in first-seen order, as the KPL builds
 * them, so a key shared by many user records is stored once and referenced by index.
 */
final class KeyTable {

  private final Map<String, Integer> indexes = new HashMap<>();
  private final List<byte[]> utf8Keys = new ArrayList<>();

  /** The index of {@code key}, or -1 when it is not in the table yet. */
  int indexOf(String key) {
    Integer index = indexes.get(key);
    return index == null ? -1 : index;
  }

  /** The index the next new key will get. */
  int nextIndex() {
    return utf8Keys.size();
  }

  /** Adds a key known to be absent, with its UTF-8 form (already computed for sizing). */
  void add(String key, byte[] utf8) {
    indexes.put(key, utf8Keys.size());
    utf8Keys.add(utf8);
  }

  List<byte[]> utf8Keys() {
    return utf8Keys;
  }

  static byte[] utf8(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
