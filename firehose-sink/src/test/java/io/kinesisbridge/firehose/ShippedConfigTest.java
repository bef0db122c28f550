package io.kinesisbridge.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code config/firehose-sink.json}, shipped in the bundle, uses only keys the connector knows. */
class ShippedConfigTest {

  /** Keys that belong to Connect itself rather than to the connector's ConfigDef. */
  private static final Set<String> CONNECT_KEYS =
      Set.of("connector.class", "tasks.max", "topics", "key.converter", "value.converter");

  @Test
  void everyConnectorKeyOfTheShippedConfigIsDefinedAndTheConfigIsValid() throws Exception {
    JsonNode config =
        new ObjectMapper().readTree(Path.of("..", "config", "firehose-sink.json").toFile());
    Map<String, String> props = new HashMap<>();
    config.get("config").properties().forEach(e -> props.put(e.getKey(), e.getValue().asText()));

    Set<String> defined = FirehoseSinkConfig.configDef().names();
    assertThat(props.keySet())
        .allSatisfy(
            key ->
                assertThat(
                        CONNECT_KEYS.contains(key)
                            || key.startsWith("errors.")
                            || defined.contains(key))
                    .as(key)
                    .isTrue());
    assertThat(FirehoseConfigRules.check(props)).isEmpty();
    assertThat(new FirehoseSinkConfig(props).delimiter().bytes()).containsExactly('\n');
  }
}
