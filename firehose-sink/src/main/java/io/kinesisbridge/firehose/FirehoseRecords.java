package io.kinesisbridge.firehose;

import io.kinesisbridge.common.sink.DeliveryConfigDefs.NullValueRule;
import io.kinesisbridge.common.sink.DeliverySink.Preparation;
import io.kinesisbridge.common.sink.DeliverySink.Prepared;
import io.kinesisbridge.common.sink.Submission;
import io.kinesisbridge.firehose.client.DeliveryStreamCatalog;
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
  private final NullValueRule nullValues;

  FirehoseRecords(
      FirehoseSinkConfig config, DeliveryStreamNames streams, DeliveryStreamCatalog catalog) {
    this.streams = streams;
    this.catalog = catalog;
    this.preparer =
        new RecordPreparer(config.format(), config.delimiter(), config.maxRecordBytes());
    this.nullValues = config.delivery().nullValueRule();
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
    if (record.value() == null && nullValues.skip()) {
      return Prepared.skip(record);
    }
    try {
      if (record.value() == null && !nullValues.send()) {
        throw new DataException(nullValues.rejection());
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
