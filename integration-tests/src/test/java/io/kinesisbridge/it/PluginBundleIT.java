package io.kinesisbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unpacked bundle loads in a real Connect worker and its connectors answer over REST. The
 * worker runs {@code plugin.discovery=hybrid_fail}: it scans by reflection as well and refuses to
 * start if any plugin lacks its ServiceLoader manifest, which proves the manifests the other ITs
 * (and users' {@code service_load} workers) rely on are complete.
 */
class PluginBundleIT {

  private static final List<String> CONNECTORS =
      List.of(
          "io.kinesisbridge.sink.KinesisSinkConnector",
          "io.kinesisbridge.source.KinesisSourceConnector",
          "io.kinesisbridge.firehose.FirehoseSinkConnector");

  private static EmbeddedConnectCluster connect;

  @BeforeAll
  static void startConnect() {
    connect =
        BundleConnectCluster.start(
            "plugin-bundle-it", Map.of(BundleConnectCluster.PLUGIN_DISCOVERY, "hybrid_fail"));
  }

  @AfterAll
  static void stopConnect() {
    if (connect != null) {
      connect.stop();
    }
  }

  @Test
  void connectorPluginsListsAllThreeConnectorsFromTheBundle() throws Exception {
    JsonNode plugins = connectorPlugins();

    Map<String, JsonNode> byClass = new HashMap<>();
    plugins.forEach(p -> byClass.put(p.path("class").asText(), p));
    assertThat(byClass).containsKeys(CONNECTORS.toArray(String[]::new));
    assertThat(byClass.get(CONNECTORS.get(0)).path("type").asText()).isEqualTo("sink");
    assertThat(byClass.get(CONNECTORS.get(1)).path("type").asText()).isEqualTo("source");
    assertThat(byClass.get(CONNECTORS.get(2)).path("type").asText()).isEqualTo("sink");
  }

  @Test
  void connectorsReportTheVersionStampedIntoTheBundleJars() throws Exception {
    JsonNode plugins = connectorPlugins();
    for (JsonNode plugin : plugins) {
      if (CONNECTORS.contains(plugin.path("class").asText())) {
        // Classes loaded from a jar read the manifest; "dev" would mean they came from elsewhere.
        assertThat(plugin.path("version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
      }
    }
  }

  @Test
  void validateReportsAMissingStreamNameInPlainWords() {
    Map<String, String> config = new HashMap<>();
    config.put("connector.class", CONNECTORS.get(0));
    config.put("topics", "events");
    config.put("aws.region", "us-east-1");
    ConfigInfos result = connect.validateConnectorConfig("KinesisSinkConnector", config);

    assertThat(result.errorCount()).isPositive();
    assertThat(errorsFor(result, "kinesis.stream.name"))
        .anySatisfy(m -> assertThat(m).contains("kinesis.stream.name"));
  }

  @Test
  void validateReportsStaticCredentialsWithoutASecretAgainstTheSecretKey() {
    Map<String, String> config = new HashMap<>();
    config.put("name", "source-with-half-static-credentials");
    config.put("connector.class", CONNECTORS.get(1));
    config.put("kinesis.stream.name", "events");
    config.put("aws.region", "us-east-1");
    config.put("aws.credentials.provider", "static");
    config.put("aws.access.key.id", "AKIAEXAMPLE");
    ConfigInfos result = connect.validateConnectorConfig("KinesisSourceConnector", config);

    assertThat(errorsFor(result, "aws.secret.access.key")).hasSize(1);
    assertThat(result.errorCount()).as("only the missing secret is wrong").isEqualTo(1);
  }

  /** {@code GET /connector-plugins}, as a user would call it. */
  private static JsonNode connectorPlugins() throws Exception {
    Response response = connect.requestGet(connect.endpointForResource("connector-plugins"));
    assertThat(response.getStatus()).isEqualTo(200);
    // The embedded cluster hands back an outbound response whose entity is the body text.
    return new ObjectMapper().readTree(String.valueOf(response.getEntity()));
  }

  private static List<String> errorsFor(ConfigInfos infos, String key) {
    return infos.configs().stream()
        .filter(c -> c.configValue().name().equals(key))
        .flatMap(c -> c.configValue().errors().stream())
        .toList();
  }
}
