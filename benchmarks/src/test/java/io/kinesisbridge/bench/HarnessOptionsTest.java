package io.kinesisbridge.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The round-trip options of the harness and the runs they expand into. */
class HarnessOptionsTest {

  private static HarnessOptions parse(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "plugin.path=/tmp";
    System.arraycopy(args, 0, all, 1, args.length);
    return HarnessOptions.parse(all);
  }

  @Test
  void defaultsAreOneRunAtNoRoundTripWithDistinctKeys() {
    HarnessOptions options = parse();

    assertThat(options.rttMillis()).containsExactly(0);
    assertThat(options.shardLimits()).isFalse();
    assertThat(options.keys()).isZero();
    assertThat(options.maxSeconds()).isZero();
    assertThat(options.cells()).containsExactly("baseline", "sink", "sink-aggregated");
  }

  @Test
  void sinkAndWorkerSettingsAreSetApartWithoutTheirPrefix() {
    HarnessOptions options =
        parse("sink.kinesis.linger.ms=50", "--worker.consumer.max.poll.records=2000", "records=10");

    assertThat(options.sinkOverrides()).containsExactly(Map.entry("kinesis.linger.ms", "50"));
    assertThat(options.workerOverrides())
        .containsExactly(Map.entry("consumer.max.poll.records", "2000"));
    assertThat(options.records()).isEqualTo(10);
    assertThatThrownBy(() -> parse("records"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected key=value, got 'records'");
  }

  @Test
  void orderingsCrossOnlyTheBundlesKinesisSink() {
    HarnessOptions options =
        parse(
            "rtt.ms=0,25",
            "rtt.jitter.ms=5",
            "shard.limits=true",
            "keys=16",
            "hot.key.share=0.5",
            "orderings=none,per-key",
            "max.seconds=60");

    assertThat(options.rttMillis()).containsExactly(0, 25);
    assertThat(options.rttJitterMillis()).isEqualTo(5);
    assertThat(options.hotKeyShare()).isEqualTo(0.5);
    List<String> cells = options.cells();
    assertThat(cells)
        .containsExactly(
            "baseline",
            "sink@none",
            "sink@per-key",
            "sink-aggregated@none",
            "sink-aggregated@per-key");
    assertThat(Scenarios.config("sink-aggregated@per-key", "t", Map.of(), Map.of()))
        .containsEntry("kinesis.ordering", "per-key")
        .containsEntry("kinesis.aggregation.enabled", "true");
    assertThat(Scenarios.config("baseline", "t", Map.of(), Map.of()))
        .doesNotContainKey("kinesis.ordering");
  }

  @Test
  void badValuesFailWithTheirName() {
    assertThatThrownBy(() -> parse("orderings=per-shard"))
        .hasMessageContaining("unknown ordering 'per-shard'");
    assertThatThrownBy(() -> parse("shard.limits=yes")).hasMessageContaining("true or false");
    assertThatThrownBy(() -> parse("hot.key.share=1.5")).hasMessageContaining("hot.key.share");
    assertThatThrownBy(() -> parse("keys=1", "hot.key.share=0.5"))
        .hasMessageContaining("keys of at least 2");
  }
}
