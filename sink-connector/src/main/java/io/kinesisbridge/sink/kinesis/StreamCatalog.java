package io.kinesisbridge.sink.kinesis;

import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import io.kinesisbridge.common.kinesis.ShardMap;
import io.kinesisbridge.common.kinesis.StreamRef;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the sink knows of each stream it writes to: its max record size and its shard map. A stream
 * is described and listed once when first used (the only network call a task waits for, once per
 * stream), then its shard map is refreshed in the background: periodically, and at once when a
 * record lands on an unexpected shard.
 *
 * <p>Streams are known by name (the pipeline's destination); the catalog keeps each one's {@link
 * StreamRef} so that every call about it goes by ARN when it was given by ARN.
 */
public final class StreamCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(StreamCatalog.class);
  private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);

  private final KinesisPort kinesis;
  private final ScheduledExecutorService scheduler;
  private final Map<String, StreamState> streams = new ConcurrentHashMap<>();

  private static final class StreamState {
    final StreamRef ref;
    final StreamInfo info;
    volatile ShardMap shards;
    final AtomicBoolean refreshing = new AtomicBoolean();

    StreamState(StreamRef ref, StreamInfo info, ShardMap shards) {
      this.ref = ref;
      this.info = info;
      this.shards = shards;
    }
  }

  /**
   * @param kinesis the port for DescribeStreamSummary and ListShards
   * @param scheduler runs the periodic refresh; owned by the caller
   * @param refreshInterval how often every known stream's shard map is listed again
   */
  public StreamCatalog(
      KinesisPort kinesis, ScheduledExecutorService scheduler, Duration refreshInterval) {
    this.kinesis = kinesis;
    this.scheduler = scheduler;
    long millis = refreshInterval.toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshAll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /**
   * Makes sure {@code stream} is known, describing and listing it if needed.
   *
   * @throws ConnectException when the stream is missing, not writable or access is denied
   * @throws RetriableException when AWS could not be reached in time; Connect retries the batch
   */
  public void ensureLoaded(StreamRef stream) {
    if (!streams.containsKey(stream.name())) {
      streams.computeIfAbsent(stream.name(), name -> load(stream));
    }
  }

  /** The stream loaded under {@code name}, with its ARN when it was given by ARN. */
  public StreamRef streamRef(String name) {
    return state(name).ref;
  }

  /** The stream's record size limit; the stream must be loaded. */
  public int maxRecordBytes(String stream) {
    return state(stream).info.maxRecordBytes();
  }

  /** The stream's current shard map; the stream must be loaded. */
  public ShardMap shardMap(String stream) {
    return state(stream).shards;
  }

  /**
   * Asks for a fresh shard map of {@code stream} without waiting; a refresh in progress suffices.
   */
  public void requestRefresh(String stream) {
    StreamState state = streams.get(stream);
    if (state != null && state.refreshing.compareAndSet(false, true)) {
      scheduler.execute(() -> refresh(state));
    }
  }

  private StreamState state(String stream) {
    StreamState state = streams.get(stream);
    if (state == null) {
      throw new IllegalStateException("stream " + stream + " was not loaded");
    }
    return state;
  }

  private StreamState load(StreamRef stream) {
    try {
      StreamInfo info =
          kinesis.describe(stream).get(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!info.writable()) {
        throw new RetriableException(
            "Kinesis stream '" + stream + "' is " + info.status() + ", not ACTIVE yet");
      }
      ShardMap shards =
          ShardMap.of(
              kinesis.listOpenShards(stream).get(LOAD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      LOG.info(
          "Writing to Kinesis stream '{}': {} open shards, max record size {} bytes",
          stream,
          shards.size(),
          info.maxRecordBytes());
      return new StreamState(stream, info, shards);
    } catch (ExecutionException e) {
      throw failure(stream, e.getCause());
    } catch (TimeoutException e) {
      throw new RetriableException(
          "Kinesis did not describe stream '" + stream + "' within " + LOAD_TIMEOUT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while describing stream '" + stream + "'", e);
    }
  }

  private static RuntimeException failure(StreamRef stream, Throwable cause) {
    ErrorClassification why = ErrorClassifier.classify(cause);
    String message = "Cannot write to Kinesis stream '" + stream + "': " + why.reason();
    return why.isFatal()
        ? new ConnectException(message, cause)
        : new RetriableException(message, cause);
  }

  private void refreshAll() {
    streams.forEach((stream, state) -> requestRefresh(stream));
  }

  private void refresh(StreamState state) {
    StreamRef stream = state.ref;
    kinesis
        .listOpenShards(stream)
        .whenComplete(
            (open, error) -> {
              try {
                if (error != null) {
                  LOG.warn("Could not refresh the shard map of '{}': {}", stream, error.toString());
                } else {
                  ShardMap fresh = ShardMap.of(open);
                  if (!fresh.shards().equals(state.shards.shards())) {
                    LOG.info("Shard map of '{}' changed: {} open shards", stream, fresh.size());
                  }
                  state.shards = fresh;
                }
              } catch (RuntimeException e) {
                LOG.warn("Ignoring an unusable shard list of '{}': {}", stream, e.toString());
              } finally {
                state.refreshing.set(false);
              }
            });
  }
}
