package dev.keyshell.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP/1.x request line and headers, read with a byte limit and a deadline, so a client that
 * sends too much or too slowly (slowloris) is cut off instead of holding a thread.
 */
record RequestHead(String method, String target, Map<String, String> headers) {
  /** Why a head could not be read: each maps to one status, or to a silent close. */
  enum Failure {
    TOO_LARGE,
    MALFORMED,
    TIMED_OUT,
    CLOSED
  }

  /** A head that could not be read. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;
    final Failure failure;

    Unreadable(Failure failure) {
      super(failure.name(), null, false, false);
      this.failure = failure;
    }
  }

  /** Header {@code name} (any case), if sent once. */
  Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
  }

  /**
   * Reads one head from {@code socket}: at most {@code maxBytes}, all of it before the deadline.
   */
  static RequestHead read(Socket socket, int maxBytes, long deadlineNanos)
      throws IOException, Unreadable {
    InputStream in = socket.getInputStream();
    byte[] buf = new byte[maxBytes];
    int n = 0;
    while (true) {
      long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new Unreadable(Failure.TIMED_OUT);
      }
      socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
      int r;
      try {
        r = in.read(buf, n, buf.length - n);
      } catch (SocketTimeoutException e) {
        throw new Unreadable(Failure.TIMED_OUT);
      }
      if (r < 0) {
        throw new Unreadable(Failure.CLOSED);
      }
      int from = Math.max(0, n - 3);
      n += r;
      int end = endOfHead(buf, from, n);
      if (end >= 0) {
        return parse(new String(buf, 0, end, StandardCharsets.ISO_8859_1));
      }
      if (n == buf.length) {
        throw new Unreadable(Failure.TOO_LARGE);
      }
    }
  }

  /** The index of the blank line that ends the head (CRLF CRLF, or bare LF LF), else -1. */
  private static int endOfHead(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != '\n') {
        continue;
      }
      if (i + 1 < to && b[i + 1] == '\n') {
        return i;
      }
      if (i + 2 < to && b[i + 1] == '\r' && b[i + 2] == '\n') {
        return i;
      }
    }
    return -1;
  }

  static RequestHead parse(String head) throws Unreadable {
    String[] lines = head.split("\r?\n", -1);
    String[] start = lines[0].split(" ", -1);
    if (start.length != 3 || start[0].isEmpty() || !start[2].matches("HTTP/1\\.[01]")) {
      throw new Unreadable(Failure.MALFORMED);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      // A folded line (leading space) or a name with spaces is refused, as RFC 9112 allows.
      if (colon <= 0
          || Character.isWhitespace(line.charAt(0))
          || line.substring(0, colon).contains(" ")) {
        throw new Unreadable(Failure.MALFORMED);
      }
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      // Two Host or Authorization headers: which one would a proxy have checked? Refuse both.
      if (headers.put(name, value) != null
          && (name.equals("host") || name.equals("authorization"))) {
        throw new Unreadable(Failure.MALFORMED);
      }
    }
    return new RequestHead(start[0], start[1], headers);
  }

  @Override
  public String toString() {
    return "RequestHead[" + method + ", " + headers.size() + " headers]";
  }
}
