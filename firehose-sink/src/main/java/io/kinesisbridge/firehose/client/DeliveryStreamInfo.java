package io.kinesisbridge.firehose.client;

import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;

import java.util.Optional;

/**
 * What the sink needs to know about a delivery stream before writing to it.
 *
 * @param name the delivery stream's name
 * @param status e.g. {@code ACTIVE} or {@code CREATING}, as Firehose reports it
 * @param type the source type, e.g. {@code DirectPut} or {@code KinesisStreamAsSource}
 */
public record DeliveryStreamInfo(String name, String status, String type) {

  /** The status of a delivery stream that accepts records. */
  public static final String ACTIVE = "ACTIVE";

  /** The status of a delivery stream that will accept records once created. */
  public static final String CREATING = "CREATING";

  /** The only source type PutRecordBatch may write to. */
  public static final String DIRECT_PUT = "DirectPut";

  /** The fields of an SDK description. */
  public static DeliveryStreamInfo of(DeliveryStreamDescription description) {
    return new DeliveryStreamInfo(
        description.deliveryStreamName(),
        description.deliveryStreamStatusAsString(),
        description.deliveryStreamTypeAsString());
  }

  /** Whether it is still being created, so writing makes sense a little later. */
  public boolean isCreating() {
    return CREATING.equals(status);
  }

  /**
   * Why the sink cannot write to it, in words that say what to fix; empty when it can. A stream
   * still being created counts as a problem here: the caller decides whether to wait.
   */
  public Optional<String> problem() {
    if (type != null && !DIRECT_PUT.equals(type)) {
      return Optional.of(
          "Delivery stream '"
              + name
              + "' has source type "
              + type
              + ": PutRecordBatch only writes to Direct PUT delivery streams. Create a delivery"
              + " stream with source 'Direct PUT' and point firehose.delivery.stream at it.");
    }
    if (!ACTIVE.equals(status)) {
      return Optional.of(
          "Delivery stream '"
              + name
              + "' is "
              + status
              + ", not ACTIVE"
              + (isCreating() ? "; wait until it is created." : ". Recreate it or pick another."));
    }
    return Optional.empty();
  }
}
