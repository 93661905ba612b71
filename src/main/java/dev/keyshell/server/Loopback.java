package dev.keyshell.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;

/** What keyshell's local listeners share: 127.0.0.1 exactly, a free port, random secrets. */
final class Loopback {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Loopback() {}

  /** A socket listening on 127.0.0.1 (not 0.0.0.0, not another loopback address), a free port. */
  static ServerSocket bind(int backlog) throws IOException {
    ServerSocket s = new ServerSocket();
    try {
      s.bind(
          new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), backlog);
    } catch (IOException e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** {@code bytes} from SecureRandom, URL-safe base64 without padding. */
  static String random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
