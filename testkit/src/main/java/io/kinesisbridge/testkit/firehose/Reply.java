package io.kinesisbridge.testkit.firehose;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;

/** Writes the JSON body of a successful answer with Jackson's streaming API. */
@FunctionalInterface
interface Reply {

  void write(JsonGenerator generator) throws IOException;

  /** An empty structure, the answer of calls such as DeleteDeliveryStream. */
  static Reply empty() {
    return generator -> {
      generator.writeStartObject();
      generator.writeEndObject();
    };
  }
}
