package io.kinesisbridge.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a ConfigDef as Markdown tables, one per group in the ConfigDef's order, so the config
 * references in {@code docs/} are generated from the code and cannot drift from it.
 */
public final class ConfigDocs {

  /** Marks the start of the generated part of a docs page. */
  public static final String BEGIN = "<!-- generated from the ConfigDef: do not edit by hand -->";

  /** Marks the end of the generated part of a docs page. */
  public static final String END = "<!-- end of generated reference -->";

  private ConfigDocs() {}

  /** The reference for every key of {@code def}, between {@link #BEGIN} and {@link #END}. */
  public static String markdown(ConfigDef def) {
    StringBuilder out = new StringBuilder(BEGIN).append("\n");
    for (Map.Entry<String, List<ConfigKey>> group : byGroup(def).entrySet()) {
      out.append("\n### ").append(group.getKey()).append("\n\n");
      out.append("| key | type | default | valid values | importance | description |\n");
      out.append("|---|---|---|---|---|---|\n");
      for (ConfigKey key : group.getValue()) {
        out.append(row(key));
      }
    }
    return out.append("\n").append(END).append("\n").toString();
  }

  /**
   * Replaces the generated part of {@code page} with {@code reference}; the hand-written text
   * around it stays.
   *
   * @throws IllegalArgumentException if the page lacks the markers
   */
  public static String replaceGenerated(String page, String reference) {
    int begin = page.indexOf(BEGIN);
    int end = page.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("page has no generated section (" + BEGIN + ")");
    }
    return page.substring(0, begin) + reference + page.substring(end + END.length() + 1);
  }

  private static Map<String, List<ConfigKey>> byGroup(ConfigDef def) {
    Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
    def.groups().forEach(g -> groups.put(g, new ArrayList<>()));
    for (ConfigKey key : def.configKeys().values()) {
      String group = key.group == null ? "Other" : key.group;
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(key);
    }
    groups
        .values()
        .forEach(keys -> keys.sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup)));
    groups.values().removeIf(List::isEmpty);
    return groups;
  }

  private static String row(ConfigKey key) {
    return "| `"
        + key.name
        + "` | "
        + key.type.name().toLowerCase(java.util.Locale.ROOT)
        + " | "
        + defaultOf(key)
        + " | "
        + cell(key.validator == null ? "" : key.validator.toString())
        + " | "
        + key.importance.name().toLowerCase(java.util.Locale.ROOT)
        + " | "
        + cell(key.documentation)
        + " |\n";
  }

  private static String defaultOf(ConfigKey key) {
    if (!key.hasDefault()) {
      return "required";
    }
    if (key.defaultValue == null) {
      return "not set";
    }
    if (key.type == ConfigDef.Type.PASSWORD) {
      return "hidden";
    }
    String text = ConfigDef.convertToString(key.defaultValue, key.type);
    return text == null || text.isEmpty() ? "\"\"" : "`" + text + "`";
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }
}
