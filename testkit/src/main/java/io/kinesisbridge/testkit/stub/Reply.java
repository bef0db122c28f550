package io.kinesisbridge.testkit.stub;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/**
 * A successful answer: the stream it concerned (null for calls about no single stream), so the
 * server can charge the request to that stream's counters, and how to write the body.
 *
 * @param stream the stream the call was about, or null
 * @param body writes the answer's fields, in whichever encoding the request came in
 */
record Reply(StubStream stream, Body body) {

  /** Writes an answer body with Jackson's streaming API (JSON or CBOR alike). */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator generator) throws IOException;
  }

  /** An empty structure, the answer of calls such as CreateStream. */
  static Reply empty(StubStream stream) {
    return new Reply(
        stream,
        generator -> {
          generator.writeStartObject();
          generator.writeEndObject();
        });
  }
}
