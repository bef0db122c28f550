package io.kinesisbridge.it;

import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.List;

/** What a Firehose delivery put into S3, read back from S3 itself, line by line. */
final class S3Lines {

  private S3Lines() {}

  /** Every non-empty line of every object under {@code prefix} in {@code bucket}, in key order. */
  static List<String> under(S3Client s3, String bucket, String prefix) {
    List<String> lines = new ArrayList<>();
    s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
        .contents()
        .forEach(
            object -> {
              String body =
                  s3.getObjectAsBytes(b -> b.bucket(bucket).key(object.key())).asUtf8String();
              for (String line : body.split("\n")) {
                if (!line.isEmpty()) {
                  lines.add(line);
                }
              }
            });
    return lines;
  }
}
