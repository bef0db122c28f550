package io.kinesisbridge.testkit.stub;

/**
 * An error answer of the stub, shaped like the service's: HTTP 400 with {@code __type} and {@code
 * message} in the body and the {@code x-amzn-ErrorType} header, which is what the SDK turns into
 * the matching modelled exception (e.g. {@code ValidationException}).
 */
final class KinesisError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String type;
  private final int status;

  KinesisError(String type, String message) {
    this(type, message, 400);
  }

  KinesisError(String type, String message, int status) {
    super(message, null, false, false); // control flow for the client, no stack trace needed
    this.type = type;
    this.status = status;
  }

  String type() {
    return type;
  }

  int status() {
    return status;
  }

  static KinesisError validation(String detail) {
    return new KinesisError("ValidationException", "1 validation error detected: " + detail);
  }

  static KinesisError invalidArgument(String message) {
    return new KinesisError("InvalidArgumentException", message);
  }

  static KinesisError notFound(String stream) {
    return new KinesisError(
        "ResourceNotFoundException",
        "Stream " + stream + " under account " + StubStream.ACCOUNT + " not found.");
  }
}
