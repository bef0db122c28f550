package io.kinesisbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production templates the bundle ships in etc/templates (REST JSON) and
 * etc/templates/msk-connect (flat properties for MSK Connect) say the same thing, and validate over
 * the REST API of a worker running the real bundle: with placeholders left in, only the keys that
 * hold one are wrong; with them filled in, nothing is.
 */
class BundleTemplatesIT {

  private static final Pattern PLACEHOLDER = Pattern.compile("<([a-z-]+)>");

  /** What a user would put in place of each placeholder. */
  private static final Map<String, String> FILLED =
      Map.of(
          "topic", "orders",
          "stream-name", "orders",
          "delivery-stream-name", "orders-to-s3",
          "region", "eu-west-1",
          "account-id", "123456789012",
          "role-name", "kinesis-bridge");

  private static EmbeddedConnectCluster connect;
  private static Path templates;

  @BeforeAll
  static void startConnect() throws IOException {
    try (Stream<Path> bundles = Files.list(BundleConnectCluster.pluginPath())) {
      templates =
          bundles
              .map(p -> p.resolve("etc/templates"))
              .filter(Files::isDirectory)
              .findFirst()
              .orElseThrow(() -> new AssertionError("no etc/templates in the unpacked bundle"));
    }
    connect = SharedConnectCluster.acquire();
  }

  @AfterAll
  static void stopConnect() {
    if (connect != null) {
      SharedConnectCluster.release();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"kinesis-sink", "kinesis-source", "firehose-sink"})
  void theMskConnectPropertiesSayWhatTheJsonTemplateSays(String template) throws IOException {
    assertThat(properties(template)).isEqualTo(jsonConfig(template));
  }

  @ParameterizedTest
  @ValueSource(strings = {"kinesis-sink", "kinesis-source", "firehose-sink"})
  void aTemplateUsesTheDefaultChainAndARoleAndNoEndpointOverride(String template)
      throws IOException {
    Map<String, String> config = jsonConfig(template);

    assertThat(config).doesNotContainKey("aws.endpoint.url");
    assertThat(config).doesNotContainKeys("aws.access.key.id", "aws.secret.access.key");
    assertThat(config).containsEntry("aws.credentials.provider", "default");
    assertThat(config.get("aws.sts.role.arn"))
        .isEqualTo("arn:aws:iam::<account-id>:role/<role-name>");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kinesis-source"})
  void theSourceTemplateAsksForReplicatedTopics(String template) throws IOException {
    assertThat(jsonConfig(template))
        .containsEntry("topic.creation.default.replication.factor", "3")
        .containsKey("topic.creation.default.partitions");
  }

  @ParameterizedTest
  @ValueSource(strings = {"kinesis-sink", "kinesis-source", "firehose-sink"})
  void withThePlaceholdersLeftInOnlyTheirKeysAreReported(String template) throws IOException {
    Map<String, String> config = jsonConfig(template);
    Set<String> placeholderKeys = new TreeSet<>();
    config.forEach(
        (key, value) -> {
          if (PLACEHOLDER.matcher(value).find()) {
            placeholderKeys.add(key);
          }
        });

    Map<String, String> errors = errors(template, config);

    assertThat(errors).as("the region placeholder at least is caught").isNotEmpty();
    assertThat(placeholderKeys).containsAll(errors.keySet());
  }

  @ParameterizedTest
  @ValueSource(strings = {"kinesis-sink", "kinesis-source", "firehose-sink"})
  void withThePlaceholdersFilledInTheTemplateValidates(String template) throws IOException {
    Map<String, String> config = new LinkedHashMap<>();
    jsonConfig(template).forEach((key, value) -> config.put(key, fill(value)));

    assertThat(config.values()).noneMatch(v -> PLACEHOLDER.matcher(v).find());
    assertThat(errors(template, config)).isEmpty();
  }

  /**
   * The errors validate reports, per key. The connector name comes from outside the config (the
   * JSON's "name", MSK Connect's connector name), as {@code PUT /connectors/<name>/config} sends
   * it.
   */
  private static Map<String, String> errors(String name, Map<String, String> template) {
    Map<String, String> config = new LinkedHashMap<>(template);
    config.put("name", name);
    String connectorClass = config.get("connector.class");
    String simpleName = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
    ConfigInfos result = connect.validateConnectorConfig(simpleName, config);
    Map<String, String> errors = new LinkedHashMap<>();
    result.configs().stream()
        .filter(c -> !c.configValue().errors().isEmpty())
        .forEach(c -> errors.put(c.configValue().name(), c.configValue().errors().toString()));
    return errors;
  }

  private static String fill(String value) {
    Matcher m = PLACEHOLDER.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String filled = FILLED.get(m.group(1));
      assertThat(filled).as("a value for placeholder " + m.group()).isNotNull();
      m.appendReplacement(out, Matcher.quoteReplacement(filled));
    }
    return m.appendTail(out).toString();
  }

  private static Map<String, String> jsonConfig(String template) throws IOException {
    JsonNode root = new ObjectMapper().readTree(templates.resolve(template + ".json").toFile());
    assertThat(root.path("name").asText()).isEqualTo(template);
    Map<String, String> config = new LinkedHashMap<>();
    root.path("config").properties().forEach(e -> config.put(e.getKey(), e.getValue().asText()));
    return config;
  }

  private static Map<String, String> properties(String template) throws IOException {
    Properties props = new Properties();
    try (Reader in =
        Files.newBufferedReader(templates.resolve("msk-connect/" + template + ".properties"))) {
      props.load(in);
    }
    Map<String, String> config = new LinkedHashMap<>();
    props.stringPropertyNames().forEach(k -> config.put(k, props.getProperty(k)));
    return config;
  }
}
