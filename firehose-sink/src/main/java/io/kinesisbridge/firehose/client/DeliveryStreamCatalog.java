package io.kinesisbridge.firehose.client;

import io.kinesisbridge.common.errors.ErrorClassification;
import io.kinesisbridge.common.errors.ErrorClassifier;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks each delivery stream once, when the sink first writes to it, so that a missing stream or
 * one of the wrong type fails the task with a message that says what to fix, before any record is
 * taken. The check only fails on a definite answer: when Firehose cannot be asked (no permission
 * for DescribeDeliveryStream, a network blip), the sink writes anyway and PutRecordBatch has the
 * last word.
 */
public final class DeliveryStreamCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryStreamCatalog.class);
  private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

  private final FirehosePort firehose;
  private final Set<String> usable = ConcurrentHashMap.newKeySet();

  /**
   * @param firehose the port for DescribeDeliveryStream
   */
  public DeliveryStreamCatalog(FirehosePort firehose) {
    this.firehose = firehose;
  }

  /**
   * Makes sure {@code deliveryStream} may be written to, describing it the first time.
   *
   * @throws ConnectException when it does not exist, is not Direct PUT or is not usable
   * @throws RetriableException while it is being created; Connect retries the put later
   */
  public void ensureUsable(String deliveryStream) {
    if (usable.contains(deliveryStream)) {
      return;
    }
    check(deliveryStream);
    usable.add(deliveryStream);
  }

  private void check(String deliveryStream) {
    DeliveryStreamInfo info;
    try {
      info = firehose.describe(deliveryStream).get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      onDescribeFailure(deliveryStream, e.getCause());
      return;
    } catch (TimeoutException e) {
      LOG.warn(
          "Firehose did not describe delivery stream '{}' within {}; writing to it anyway",
          deliveryStream,
          CHECK_TIMEOUT);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException(
          "interrupted while describing delivery stream '" + deliveryStream + "'", e);
    }
    if (info.isCreating()) {
      throw new RetriableException(info.problem().orElse("still being created"));
    }
    info.problem()
        .ifPresent(
            problem -> {
              throw new ConnectException(problem);
            });
    LOG.info(
        "Writing to Firehose delivery stream '{}' ({}, {})",
        deliveryStream,
        info.status(),
        info.type());
  }

  private static void onDescribeFailure(String deliveryStream, Throwable cause) {
    ErrorClassification why = ErrorClassifier.classify(cause);
    if ("ResourceNotFoundException".equalsIgnoreCase(why.code())) {
      throw new ConnectException(
          "Firehose delivery stream '"
              + deliveryStream
              + "' does not exist. "
              + FirehoseErrorHints.forCode(why.code()),
          cause);
    }
    LOG.warn(
        "Could not describe Firehose delivery stream '{}' ({}); writing to it anyway",
        deliveryStream,
        why.reason());
  }
}
