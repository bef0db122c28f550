package io.kinesisbridge.common.aws;

import software.amazon.awssdk.http.Protocol;

/**
 * How {@link AwsClientFactory} sets up the HTTP layer of an async client.
 *
 * <p>Two shapes cover the connectors: {@link #requestResponse()} for PutRecords, GetRecords,
 * PutRecordBatch and control-plane calls, and {@link #enhancedFanOut()} for SubscribeToShard, which
 * needs HTTP/2 and holds each subscription open for up to five minutes: an API-call timeout would
 * cut every subscription short, so that profile runs without one and relies on the subscription's
 * own end and the HTTP/2 health-check pings instead.
 *
 * @param protocol {@link Protocol#HTTP1_1} or {@link Protocol#HTTP2}; on an {@code http://}
 *     endpoint HTTP/2 is spoken in cleartext with prior knowledge, on {@code https://} it is
 *     negotiated with ALPN
 * @param maxConcurrency most requests (HTTP/1.1 connections or HTTP/2 streams) in flight at once
 * @param callTimeouts whether {@code aws.api.call.timeout.ms} and {@code
 *     aws.api.call.attempt.timeout.ms} apply
 */
public record AsyncClientOptions(Protocol protocol, int maxConcurrency, boolean callTimeouts) {

  /** The SDK's default connection pool size for HTTP/1.1. */
  public static final int DEFAULT_MAX_CONCURRENCY = 50;

  /** Validates the arguments. */
  public AsyncClientOptions {
    if (protocol == null) {
      throw new IllegalArgumentException("protocol is required");
    }
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be at least 1: " + maxConcurrency);
    }
  }

  /** HTTP/1.1 with call timeouts: the data plane of both sinks and the polling source. */
  public static AsyncClientOptions requestResponse() {
    return new AsyncClientOptions(Protocol.HTTP1_1, DEFAULT_MAX_CONCURRENCY, true);
  }

  /**
   * HTTP/2 without call timeouts and without a stream limit (one subscription per shard), for
   * SubscribeToShard.
   */
  public static AsyncClientOptions enhancedFanOut() {
    return new AsyncClientOptions(Protocol.HTTP2, Integer.MAX_VALUE, false);
  }

  /** A copy with another protocol. */
  public AsyncClientOptions withProtocol(Protocol newProtocol) {
    return new AsyncClientOptions(newProtocol, maxConcurrency, callTimeouts);
  }

  /** A copy with another concurrency limit. */
  public AsyncClientOptions withMaxConcurrency(int newMaxConcurrency) {
    return new AsyncClientOptions(protocol, newMaxConcurrency, callTimeouts);
  }
}
