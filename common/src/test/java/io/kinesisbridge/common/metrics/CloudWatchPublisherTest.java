package io.kinesisbridge.common.metrics;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class CloudWatchPublisherTest {

  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private final FakeCloudWatch cloudWatch = new FakeCloudWatch();

  @Test
  void publishesTheCurrentValuesOfEveryRegisteredSetUnderTheNamespace() {
    AtomicLong delivered = new AtomicLong(5);
    CloudWatchPublisher publisher = publisher(Duration.ofMinutes(1));
    publisher.add(Map.of(), () -> Map.of("records-acknowledged-total", delivered.get()));
    publisher.add(
        Map.of("stream", "orders", "shard", "shardId-0"), () -> Map.of("records-delivered", 3L));

    publisher.publishNow();
    delivered.set(9);
    publisher.publishNow();

    assertThat(cloudWatch.namespaces).containsOnly("Team/Bridge");
    assertThat(cloudWatch.datums())
        .extracting(MetricDatum::metricName, MetricDatum::value)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("records-acknowledged-total", 5.0),
            org.assertj.core.groups.Tuple.tuple("records-delivered", 3.0),
            org.assertj.core.groups.Tuple.tuple("records-acknowledged-total", 9.0),
            org.assertj.core.groups.Tuple.tuple("records-delivered", 3.0));
    assertThat(cloudWatch.datums().get(1).dimensions())
        .extracting(Dimension::name)
        .containsExactly("Connector", "Task", "Stream");
  }

  @Test
  void aFailingCloudWatchOrGaugeNeverThrowsAndPublishingResumesAfterwards() {
    CloudWatchPublisher publisher = publisher(Duration.ofMinutes(1));
    publisher.add(Map.of(), () -> Map.of("records-acknowledged-total", 1L));
    publisher.add(
        Map.of("stream", "broken"),
        () -> {
          throw new IllegalStateException("gauge broke");
        });

    cloudWatch.failing = true;
    assertThatCode(publisher::publishNow).doesNotThrowAnyException();
    assertThatCode(publisher::publishNow).doesNotThrowAnyException();
    cloudWatch.failing = false;
    publisher.publishNow();

    assertThat(cloudWatch.attempts.get()).isEqualTo(3);
    assertThat(cloudWatch.datums())
        .extracting(MetricDatum::metricName)
        .containsExactly("records-acknowledged-total");
  }

  @Test
  void theBackgroundThreadPublishesEveryIntervalAndCloseStopsItAndClosesTheClient()
      throws Exception {
    CloudWatchPublisher publisher = publisher(Duration.ofMillis(20));
    publisher.add(Map.of(), () -> Map.of("records-acknowledged-total", 1L));

    publisher.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (cloudWatch.attempts.get() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    publisher.close();

    assertThat(cloudWatch.attempts.get()).isGreaterThanOrEqualTo(3);
    assertThat(publisher.terminated()).isTrue();
    assertThat(cloudWatch.closed).isTrue();
    int attempts = cloudWatch.attempts.get();
    Thread.sleep(100);
    assertThat(cloudWatch.attempts.get()).isEqualTo(attempts);
  }

  @Test
  void theFirstFailureOfAStreakIsAWarningTheRestDebugAndRecoveryIsReportedOnce() {
    FailureStreak streak = new FailureStreak();

    assertThat(streak.succeeded()).isEqualTo(FailureStreak.Level.NONE);
    assertThat(streak.failed()).isEqualTo(FailureStreak.Level.WARN);
    assertThat(streak.failed()).isEqualTo(FailureStreak.Level.DEBUG);
    assertThat(streak.failed()).isEqualTo(FailureStreak.Level.DEBUG);
    assertThat(streak.succeeded()).isEqualTo(FailureStreak.Level.INFO);
    assertThat(streak.succeeded()).isEqualTo(FailureStreak.Level.NONE);
    assertThat(streak.failed()).isEqualTo(FailureStreak.Level.WARN);
  }

  private CloudWatchPublisher publisher(Duration interval) {
    CloudWatchMetricsSettings settings =
        new CloudWatchMetricsSettings(true, "Team/Bridge", interval, false, Optional.empty());
    return new CloudWatchPublisher(
        settings, "orders-sink", "0", cloudWatch, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** Records every batch; fails every call while {@code failing}. */
  private static final class FakeCloudWatch implements CloudWatchPort {
    final List<String> namespaces = new CopyOnWriteArrayList<>();
    final List<List<MetricDatum>> batches = new CopyOnWriteArrayList<>();
    final java.util.concurrent.atomic.AtomicInteger attempts =
        new java.util.concurrent.atomic.AtomicInteger();
    volatile boolean failing;
    volatile boolean closed;

    @Override
    public void putMetricData(String namespace, List<MetricDatum> batch) {
      attempts.incrementAndGet();
      if (failing) {
        throw new IllegalStateException("CloudWatch is down");
      }
      namespaces.add(namespace);
      batches.add(batch);
    }

    List<MetricDatum> datums() {
      List<MetricDatum> all = new ArrayList<>();
      batches.forEach(all::addAll);
      return all;
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
