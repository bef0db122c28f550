package io.kinesisbridge.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Connect REST API, called exactly as a user would with curl. */
final class ConnectRest {

  /** One row of {@code GET /connector-plugins}. */
  record Plugin(String className, String type, String version) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ConnectRest(URI base) {
    this.base = base;
  }

  URI base() {
    return base;
  }

  /**
   * Whether the worker has joined its group and serves requests ({@code GET /health}, KIP-1017).
   */
  boolean isReady() {
    try {
      return send(HttpRequest.newBuilder(base.resolve("/health")).GET()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  List<Plugin> connectorPlugins() throws IOException {
    JsonNode body =
        json(ok(send(HttpRequest.newBuilder(base.resolve("/connector-plugins")).GET())));
    List<Plugin> plugins = new ArrayList<>();
    body.forEach(
        node ->
            plugins.add(
                new Plugin(
                    node.path("class").asText(),
                    node.path("type").asText(),
                    node.path("version").asText())));
    return plugins;
  }

  /**
   * {@code PUT /connector-plugins/<class>/config/validate}: the error messages per key, empty when
   * the config is valid.
   */
  Map<String, List<String>> validate(String connectorClass, Map<String, String> config)
      throws IOException {
    String simpleName = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
    URI uri = base.resolve("/connector-plugins/" + simpleName + "/config/validate");
    JsonNode body = json(ok(send(put(uri, config))));
    Map<String, List<String>> errors = new java.util.TreeMap<>();
    for (JsonNode config1 : body.path("configs")) {
      JsonNode value = config1.path("value");
      List<String> messages =
          JSON.convertValue(value.path("errors"), new TypeReference<List<String>>() {});
      if (messages != null && !messages.isEmpty()) {
        errors.put(value.path("name").asText(), messages);
      }
    }
    return errors;
  }

  /** {@code PUT /connectors/<name>/config}: creates the connector, or updates it. */
  void createConnector(String name, Map<String, String> config) throws IOException {
    ok(send(put(base.resolve("/connectors/" + name + "/config"), config)));
  }

  /** {@code DELETE /connectors/<name>}. */
  void deleteConnector(String name) throws IOException {
    ok(send(HttpRequest.newBuilder(base.resolve("/connectors/" + name)).DELETE()));
  }

  /** The connector's and its tasks' states, e.g. {@code RUNNING, tasks [RUNNING, RUNNING]}. */
  String connectorState(String name) throws IOException {
    JsonNode status =
        json(
            ok(
                send(
                    HttpRequest.newBuilder(base.resolve("/connectors/" + name + "/status"))
                        .GET())));
    List<String> tasks = new ArrayList<>();
    status.path("tasks").forEach(t -> tasks.add(t.path("state").asText()));
    return status.path("connector").path("state").asText() + ", tasks " + tasks;
  }

  private HttpRequest.Builder put(URI uri, Object body) throws IOException {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static String ok(HttpResponse<String> response) throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw new IOException(
          response.request().method()
              + " "
              + response.uri()
              + " -> HTTP "
              + response.statusCode()
              + ": "
              + response.body());
    }
    return response.body();
  }

  private static JsonNode json(String body) throws IOException {
    return JSON.readTree(body);
  }
}
