/**
 * Connect data to bytes and text, shared by both sinks and by partition-key extraction.
 *
 * <ul>
 *   <li>{@link io.kinesisbridge.common.convert.PayloadBytes}: a record value as sink payload (bytes
 *       and strings as they are, everything else JSON);
 *   <li>{@link io.kinesisbridge.common.convert.ConnectJson}: Connect data as compact JSON, no
 *       schema envelope;
 *   <li>{@link io.kinesisbridge.common.convert.RecordEnvelope}: a whole record (coordinates,
 *       timestamp, key, value, headers) as one JSON document, the sinks' {@code envelope} format;
 *       {@link io.kinesisbridge.common.convert.RecordPayload} chooses between it and the value;
 *   <li>{@link io.kinesisbridge.common.convert.EmbeddedJson}: the rule by which text that already
 *       is JSON stays JSON;
 *   <li>{@link io.kinesisbridge.common.convert.FieldPath}: dotted paths into Structs and Maps, and
 *       the text form of a value for partition keys;
 *   <li>{@link io.kinesisbridge.common.convert.DataConversionException}: the one failure, meant for
 *       the dead letter queue.
 * </ul>
 */
package io.kinesisbridge.common.convert;
