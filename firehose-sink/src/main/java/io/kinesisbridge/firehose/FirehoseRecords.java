package io.kinesisbridge.firehose;

import io.kinesisbridge.common.sink.DeliveryConfigDefs;
import io.kinesisbridge.common.sink.DeliverySink.Preparation;
import io.kinesisbridge.common.sink.DeliverySink.Prepared;
import io.kinesisbridge.common.sink.Submission;
import io.kinesisbridge.firehose.client.DeliveryStreamCatalog;
import io.kinesisbridge.firehose.format.PayloadFormats;
import io.kinesisbridge.firehose.record.FirehoseRecord;
import io.kinesisbridge.firehose.record.RecordPreparer;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The Firehose sink's {@link Preparation}: which delivery stream a record goes to, and its bytes in
 * the configured format with its delimiter.
 */
final class FirehoseRecords implements Preparation<FirehoseRecord> {

  private final DeliveryStreamNames streams;
  private final DeliveryStreamCatalog catalog;
  private final RecordPreparer preparer;
  private final boolean skipNullValues;
  private final boolean sendNullValues;
  private final String nullValueRejection;

  FirehoseRecords(
      FirehoseSinkConfig config, DeliveryStreamNames streams, DeliveryStreamCatalog catalog) {
    this.streams = streams;
    this.catalog = catalog;
    this.preparer =
        new RecordPreparer(config.format(), config.delimiter(), config.maxRecordBytes());
    DeliveryConfigDefs.NullValues nullValues = config.delivery().nullValues();
    this.skipNullValues = nullValues == DeliveryConfigDefs.NullValues.SKIP;
    // validate() allows 'send' only with the envelope format; anything else is a bad record.
    this.sendNullValues =
        nullValues == DeliveryConfigDefs.NullValues.SEND
            && PayloadFormats.ENVELOPE.equals(config.formatName());
    this.nullValueRejection =
        "the value is null and "
            + FirehoseSinkConfig.NULL_VALUE_BEHAVIOR_CONFIG
            + "="
            + config.getString(FirehoseSinkConfig.NULL_VALUE_BEHAVIOR_CONFIG);
  }

  /**
   * Checks the topic's delivery stream before anything of the batch is submitted, so a retriable
   * failure here leaves nothing half-taken when Connect offers the same records again.
   */
  @Override
  public void loadDestination(String topic) {
    catalog.ensureUsable(streams.streamFor(topic));
  }

  @Override
  public Prepared<FirehoseRecord> prepare(SinkRecord record) {
    if (record.value() == null && skipNullValues) {
      return Prepared.skip(record);
    }
    try {
      if (record.value() == null && !sendNullValues) {
        throw new DataException(nullValueRejection);
      }
      // The stream follows the topic after SMTs; offsets follow where the record was read.
      String stream = streams.streamFor(record.topic());
      FirehoseRecord prepared = preparer.prepare(stream, record);
      // One lane per delivery stream: Firehose has no order to keep, and packing may then
      // combine records of every partition bound for the stream.
      return Prepared.send(
          new Submission<>(
              prepared.topicPartition(),
              prepared.offset(),
              stream,
              stream,
              prepared,
              prepared.size()));
    } catch (DataException | IllegalArgumentException e) {
      return Prepared.reject(e);
    }
  }
}
