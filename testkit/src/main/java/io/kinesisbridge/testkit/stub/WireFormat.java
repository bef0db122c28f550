package io.kinesisbridge.testkit.stub;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;

/**
 * The two encodings the Kinesis API speaks. The AWS SDK v2 sends CBOR unless {@code
 * aws.cborEnabled=false}; other SDKs and the CLI send JSON. Answers use the request's encoding.
 * Both go through Jackson's streaming API, so one parser and writer serve both.
 */
enum WireFormat {
  JSON("application/x-amz-json-1.1", new JsonFactory()),
  CBOR("application/x-amz-cbor-1.1", new CBORFactory());

  private final String contentType;
  private final JsonFactory factory;

  WireFormat(String contentType, JsonFactory factory) {
    this.contentType = contentType;
    this.factory = factory;
  }

  /** The format of a request with this {@code Content-Type} (JSON when absent). */
  static WireFormat of(String contentType) {
    return contentType != null && contentType.contains("cbor") ? CBOR : JSON;
  }

  String contentType() {
    return contentType;
  }

  JsonFactory factory() {
    return factory;
  }
}
