package io.kinesisbridge.common.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus JMX exporter rules in {@code config/metrics/jmx-exporter-kinesis-bridge.yml} turn
 * the MBeans {@link TaskMetrics} really registers into the documented metric names and labels. The
 * exporter itself is not needed: this test builds the text it matches ({@code domain<key="value",
 * ...><>attribute}, properties in the ObjectName's own order), applies the rules in order as it
 * does (first match wins) and cleans names the way it does (characters other than letters, digits,
 * colons and underscores become underscores).
 */
class JmxExporterRulesTest {

  private static final Path RULES =
      Path.of("..", "config", "metrics", "jmx-exporter-kinesis-bridge.yml");

  private final List<TaskMetrics> registered = new ArrayList<>();

  @AfterEach
  void unregister() {
    registered.forEach(TaskMetrics::close);
  }

  @Test
  void taskGaugesOfEachConnectorBecomeNamesWithConnectorAndTaskLabels() throws Exception {
    for (String kind : List.of("kinesis-sink-task", "firehose-sink-task", "kinesis-source-task")) {
      register(kind, Map.of());
      String connector = "jmx-rules-" + kind;

      Exported exported = export(beanText(kind, connector, "records-delivered")).orElseThrow();

      String prefix = kind.replace("-task", "").replace('-', '_');
      assertThat(exported.name()).isEqualTo("kinesis_bridge_" + prefix + "_records_delivered");
      assertThat(exported.labels()).isEqualTo(Map.of("connector", connector, "task", "7"));
    }
  }

  @Test
  void shardGaugesOfTheSourceCarryStreamAndShardLabels() throws Exception {
    register("kinesis-source-shard", Map.of("stream", "orders", "shard", "shardId-000000000001"));

    Exported exported =
        export(
                beanText(
                    "kinesis-source-shard",
                    "jmx-rules-kinesis-source-shard",
                    "millis-behind-latest"))
            .orElseThrow();

    assertThat(exported.name())
        .isEqualTo("kinesis_bridge_kinesis_source_shard_millis_behind_latest");
    assertThat(exported.labels())
        .isEqualTo(
            Map.of(
                "connector", "jmx-rules-kinesis-source-shard",
                "task", "7",
                "stream", "orders",
                "shard", "shardId-000000000001"));
  }

  @Test
  void theRulesDoNotDependOnTheOrderOfTheProperties() throws Exception {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "type=\"kinesis-source-shard\"",
                "connector=\"c\"",
                "task=\"0\"",
                "stream=\"s\"",
                "shard=\"sh\""));
    for (int rotation = 0; rotation < properties.size(); rotation++) {
      Collections.rotate(properties, 1);
      String text = "kinesis.bridge<" + String.join(", ", properties) + "><>records-delivered";

      assertThat(export(text))
          .as(text)
          .hasValueSatisfying(
              e ->
                  assertThat(e.labels())
                      .isEqualTo(
                          Map.of("connector", "c", "task", "0", "stream", "s", "shard", "sh")));
    }
  }

  @Test
  void otherMBeansAreLeftToOtherRules() throws Exception {
    assertThat(
            export(
                "kafka.connect<type=\"connector-task-metrics\", connector=\"c\", task=\"0\"><>status"))
        .isEmpty();
  }

  private void register(String kind, Map<String, String> tags) {
    registered.add(
        TaskMetrics.register(
            kind,
            "jmx-rules-" + kind,
            "7",
            tags,
            () -> Map.of("records-delivered", 1L),
            PluginGauges.NONE));
  }

  /** The text the exporter matches for {@code attribute} of the one registered bean of a kind. */
  private static String beanText(String kind, String connector, String attribute) throws Exception {
    var names =
        ManagementFactory.getPlatformMBeanServer()
            .queryNames(
                new ObjectName(
                    "kinesis.bridge:type=\"" + kind + "\",connector=\"" + connector + "\",*"),
                null);
    assertThat(names).hasSize(1);
    ObjectName name = names.iterator().next();
    String properties = name.getKeyPropertyListString().replace("\",", "\", ");
    return name.getDomain() + "<" + properties + "><>" + attribute;
  }

  private static Optional<Exported> export(String text) throws Exception {
    JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(RULES.toFile());
    for (JsonNode rule : config.path("rules")) {
      Matcher matcher = Pattern.compile(rule.path("pattern").asText()).matcher(text);
      if (!matcher.matches()) {
        continue;
      }
      String name = clean(expand(matcher, rule.path("name").asText()));
      Map<String, String> labels = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> label : rule.path("labels").properties()) {
        labels.put(label.getKey(), expand(matcher, label.getValue().asText()));
      }
      return Optional.of(new Exported(name, labels));
    }
    return Optional.empty();
  }

  private static String expand(Matcher matcher, String template) {
    StringBuilder out = new StringBuilder();
    Matcher groups = Pattern.compile("\\$(\\d)").matcher(template);
    while (groups.find()) {
      groups.appendReplacement(
          out, Matcher.quoteReplacement(matcher.group(Integer.parseInt(groups.group(1)))));
    }
    return groups.appendTail(out).toString();
  }

  private static String clean(String name) {
    return name.replaceAll("[^a-zA-Z0-9:_]", "_").toLowerCase(Locale.ROOT);
  }

  private record Exported(String name, Map<String, String> labels) {}
}
