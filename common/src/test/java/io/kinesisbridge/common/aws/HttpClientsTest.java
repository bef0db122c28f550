package io.kinesisbridge.common.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;

import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HttpClientsTest {

  @Test
  void http2OnACleartextEndpointUsesPriorKnowledge() {
    assertThat(
            HttpClients.negotiation(
                Protocol.HTTP2, Optional.of(URI.create("http://localhost:4566"))))
        .isEqualTo(ProtocolNegotiation.ASSUME_PROTOCOL);
  }

  @Test
  void http2OverTlsNegotiatesWithAlpn() {
    assertThat(
            HttpClients.negotiation(
                Protocol.HTTP2, Optional.of(URI.create("https://localhost:4567"))))
        .isEqualTo(ProtocolNegotiation.ALPN);
    assertThat(HttpClients.negotiation(Protocol.HTTP2, Optional.empty()))
        .isEqualTo(ProtocolNegotiation.ALPN);
  }

  @Test
  void http1NeverNegotiates() {
    assertThat(HttpClients.negotiation(Protocol.HTTP1_1, Optional.empty()))
        .isEqualTo(ProtocolNegotiation.ASSUME_PROTOCOL);
  }
}
