package io.kinesisbridge.common.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MetricDatumsTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  @Test
  void taskTotalsCarryConnectorAndTaskDimensionsAndTheTimestamp() {
    List<MetricDatum> datums =
        new MetricDatums(false)
            .datums(List.of(snapshot(Map.of(), Map.of("records-acknowledged-total", 42L))), NOW);

    assertThat(datums).hasSize(1);
    MetricDatum datum = datums.get(0);
    assertThat(datum.metricName()).isEqualTo("records-acknowledged-total");
    assertThat(datum.value()).isEqualTo(42.0);
    assertThat(datum.timestamp()).isEqualTo(NOW);
    assertThat(datum.dimensions())
        .containsExactly(dimension("Connector", "orders-sink"), dimension("Task", "3"));
  }

  @Test
  void withoutShardDimensionsTheShardsOfAStreamAreRolledUpIntoOneSet() {
    List<GaugeSnapshot> shards =
        List.of(
            snapshot(shardTags("orders", "shardId-0"), gauges(100, 2_000, 5)),
            snapshot(shardTags("orders", "shardId-1"), gauges(30, 9_000, 1)),
            snapshot(shardTags("clicks", "shardId-0"), gauges(7, 10, 0)));

    List<MetricDatum> datums = new MetricDatums(false).datums(shards, NOW);

    assertThat(valuesOf(datums, "orders"))
        .containsEntry("records-delivered", 130.0)
        .containsEntry("millis-behind-latest", 9_000.0)
        .containsEntry("records-per-second", 6.0);
    assertThat(valuesOf(datums, "clicks")).containsEntry("records-delivered", 7.0);
    assertThat(datums)
        .allSatisfy(
            d ->
                assertThat(d.dimensions())
                    .extracting(Dimension::name)
                    .containsExactly("Connector", "Task", "Stream"));
  }

  @Test
  void withShardDimensionsEveryShardKeepsItsOwnSet() {
    List<GaugeSnapshot> shards =
        List.of(
            snapshot(shardTags("orders", "shardId-0"), gauges(100, 2_000, 5)),
            snapshot(shardTags("orders", "shardId-1"), gauges(30, 9_000, 1)));

    List<MetricDatum> datums = new MetricDatums(true).datums(shards, NOW);

    assertThat(datums).hasSize(6);
    assertThat(datums.get(0).dimensions())
        .containsExactly(
            dimension("Connector", "orders-sink"),
            dimension("Task", "3"),
            dimension("Shard", "shardId-0"),
            dimension("Stream", "orders"));
    assertThat(datums)
        .filteredOn(d -> d.dimensions().contains(dimension("Shard", "shardId-1")))
        .extracting(MetricDatum::metricName, MetricDatum::value)
        .contains(org.assertj.core.groups.Tuple.tuple("records-delivered", 30.0));
  }

  @Test
  void valuesCloudWatchRejectsOrThatMeanNotKnownYetAreLeftOut() {
    Map<String, Number> values = new LinkedHashMap<>();
    values.put("nan", Double.NaN);
    values.put("infinite", Double.POSITIVE_INFINITY);
    values.put("absent", null);
    values.put("millis-behind-latest", -1L);
    values.put("records-delivered", 0L);

    List<MetricDatum> datums =
        new MetricDatums(false).datums(List.of(snapshot(Map.of(), values)), NOW);

    assertThat(datums).extracting(MetricDatum::metricName).containsExactly("records-delivered");
  }

  @Test
  void aSetWithNothingPublishableSendsNothing() {
    assertThat(
            new MetricDatums(false)
                .batches(List.of(snapshot(Map.of(), Map.of("ratio", Double.NaN))), NOW))
        .isEmpty();
  }

  @ParameterizedTest(name = "{0} is published in {1}")
  @CsvSource({
    "records-acknowledged-total, Count",
    "requests-in-flight, Count",
    "request-latency-last-ms, Milliseconds",
    "millis-behind-latest, Milliseconds",
    "max-millis-behind-latest, Milliseconds",
    "records-per-second, Count/Second",
    "entries-per-second-limit, Count/Second",
    "buffered-bytes, Bytes",
    "billed-bytes, Bytes",
    "entries-per-request-avg, None",
    "billed-to-payload-ratio, None"
  })
  void unitsFollowFromTheGaugeName(String gauge, String unit) {
    assertThat(MetricUnits.unitOf(gauge)).isEqualTo(StandardUnit.fromValue(unit));
  }

  @ParameterizedTest(name = "{0} datums with at most {1} per request make {2} requests")
  @CsvSource({"1, 500, 1", "500, 500, 1", "501, 500, 2", "1000, 500, 2", "1001, 500, 3", "7, 3, 3"})
  void batchesHoldAtMostTheDatumLimit(int gauges, int maxDatums, int requests) {
    List<List<MetricDatum>> batches =
        new MetricDatums(false, maxDatums, Integer.MAX_VALUE)
            .batches(List.of(snapshot(Map.of(), numbered(gauges))), NOW);

    assertThat(batches).hasSize(requests);
    assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(maxDatums));
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(gauges);
  }

  @Test
  void batchesStayUnderTheByteBudget() {
    int budget = 2_000;
    List<List<MetricDatum>> batches =
        new MetricDatums(false, 1_000, budget)
            .batches(List.of(snapshot(Map.of(), numbered(100))), NOW);

    assertThat(batches).hasSizeGreaterThan(1);
    assertThat(batches)
        .allSatisfy(
            b ->
                assertThat(b.stream().mapToInt(MetricDatums::estimatedBytes).sum())
                    .isLessThanOrEqualTo(budget));
    assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(100);
  }

  @Test
  void defaultLimitsAreWellBelowCloudWatchsThousandDatumsAndOneMegabyte() {
    assertThat(MetricDatums.MAX_DATUMS_PER_REQUEST).isLessThanOrEqualTo(1_000 / 2);
    assertThat(MetricDatums.MAX_BYTES_PER_REQUEST).isLessThanOrEqualTo(1_000_000 / 2);
    List<List<MetricDatum>> batches =
        new MetricDatums(true).batches(List.of(snapshot(Map.of(), numbered(1_200))), NOW);
    assertThat(batches).extracting(List::size).containsExactly(500, 500, 200);
  }

  private static Map<String, Double> valuesOf(List<MetricDatum> datums, String stream) {
    Map<String, Double> values = new HashMap<>();
    datums.stream()
        .filter(d -> d.dimensions().contains(dimension("Stream", stream)))
        .forEach(d -> values.put(d.metricName(), d.value()));
    return values;
  }

  private static Map<String, Number> gauges(long delivered, long behind, double perSecond) {
    Map<String, Number> gauges = new LinkedHashMap<>();
    gauges.put("records-delivered", delivered);
    gauges.put("millis-behind-latest", behind);
    gauges.put("records-per-second", perSecond);
    return gauges;
  }

  private static Map<String, Number> numbered(int count) {
    Map<String, Number> gauges = new LinkedHashMap<>();
    IntStream.range(0, count).forEach(i -> gauges.put("gauge-" + i + "-total", i));
    return gauges;
  }

  private static Map<String, String> shardTags(String stream, String shard) {
    return Map.of("stream", stream, "shard", shard);
  }

  private static GaugeSnapshot snapshot(Map<String, String> tags, Map<String, Number> values) {
    return new GaugeSnapshot("orders-sink", "3", tags, values);
  }

  private static Dimension dimension(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }
}
