package io.kinesisbridge.sink.kinesis;

/**
 * What the sink needs to know about a stream before writing to it.
 *
 * @param name the stream's name
 * @param status the stream status as Kinesis reports it, e.g. ACTIVE
 * @param maxRecordBytes the largest record (data plus partition key) the stream accepts
 */
public record StreamInfo(String name, String status, int maxRecordBytes) {

  /** The default record size limit of a stream: 1 MiB. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

  /** Whether the stream accepts writes. UPDATING streams do; CREATING and DELETING do not. */
  public boolean writable() {
    return "ACTIVE".equals(status) || "UPDATING".equals(status);
  }
}
