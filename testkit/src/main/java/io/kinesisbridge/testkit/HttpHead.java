package io.kinesisbridge.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The head of an HTTP/1.x message (start line and header lines) as {@link ConnectProxy} reads and
 * rewrites it. Read byte by byte, so nothing after the blank line is consumed: the body and any
 * tunnelled bytes stay in the stream for the relay.
 *
 * @param startLine the request or status line
 * @param headers the header lines, {@code Name: value}, in order
 */
record HttpHead(String startLine, List<String> headers) {

  /** A head larger than this is refused: no client of ours sends one, and memory stays bounded. */
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  HttpHead {
    headers = List.copyOf(headers);
  }

  /**
   * Reads one head.
   *
   * @return the head, or {@code null} when the stream ends before its first byte (an idle
   *     keep-alive connection closed by the peer)
   * @throws IOException on a malformed or oversized head or an end of stream inside it
   */
  static HttpHead read(InputStream in) throws IOException {
    String startLine = readLine(in, true);
    if (startLine == null) {
      return null;
    }
    List<String> headers = new ArrayList<>();
    int total = startLine.length();
    for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
      total += line.length();
      if (total > MAX_HEAD_BYTES) {
        throw new IOException("HTTP head larger than " + MAX_HEAD_BYTES + " bytes");
      }
      headers.add(line);
    }
    return new HttpHead(startLine, headers);
  }

  /** The value of the first header named {@code name} (case-insensitive), trimmed. */
  Optional<String> header(String name) {
    for (String line : headers) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return Optional.of(line.substring(colon + 1).trim());
      }
    }
    return Optional.empty();
  }

  /** A copy without the headers named in {@code lowerCaseNames}, plus {@code extra} at the end. */
  HttpHead replacing(Set<String> lowerCaseNames, String... extra) {
    List<String> kept = new ArrayList<>();
    for (String line : headers) {
      int colon = line.indexOf(':');
      String name = colon > 0 ? line.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
      if (!lowerCaseNames.contains(name)) {
        kept.add(line);
      }
    }
    kept.addAll(List.of(extra));
    return new HttpHead(startLine, kept);
  }

  /** A copy with another start line. */
  HttpHead withStartLine(String newStartLine) {
    return new HttpHead(newStartLine, headers);
  }

  /** The head on the wire: CRLF line ends and the blank line. */
  byte[] bytes() {
    StringBuilder out = new StringBuilder(startLine).append("\r\n");
    headers.forEach(line -> out.append(line).append("\r\n"));
    return out.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String readLine(InputStream in, boolean eofAllowed) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); ; b = in.read()) {
      if (b < 0) {
        if (eofAllowed && line.size() == 0) {
          return null;
        }
        throw new EOFException("stream ended inside an HTTP head");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      if (line.size() >= MAX_HEAD_BYTES) {
        throw new IOException("HTTP head line longer than " + MAX_HEAD_BYTES + " bytes");
      }
      line.write(b);
    }
  }
}
