package io.kinesisbridge.it;

import software.amazon.awssdk.services.s3.S3Client;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What a Firehose delivery put into S3, read back from S3 itself, line by line. */
final class S3Lines {

  /** A line and when the object holding it was written. */
  record Line(String text, Instant written) {}

  private S3Lines() {}

  /** Every non-empty line of every object under {@code prefix} in {@code bucket}, in key order. */
  static List<String> under(S3Client s3, String bucket, String prefix) {
    return withTimes(s3, bucket, prefix).stream().map(Line::text).toList();
  }

  /** Like {@link #under}, each line with the time its object was written. */
  static List<Line> withTimes(S3Client s3, String bucket, String prefix) {
    List<Line> lines = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
        .contents()
        .forEach(
            object -> {
              String body =
                  s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asUtf8String();
              for (String line : body.split("\n")) {
                if (!line.isEmpty()) {
                  lines.add(new Line(line, object.lastModified()));
                }
              }
            });
    return lines;
  }
}
