package dev.keyshell.server;

import dev.keyshell.core.KeyshellException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * A loopback address that redirects once to a secret URL, so a browser can be sent to the console
 * sign-in URL without the URL (and its token) on a command line that every local user can read in
 * {@code ps}. The first request for the random path gets the redirect; after it, or when closed,
 * the address answers nothing.
 */
public final class OneTimeRedirect implements AutoCloseable {
  private final ServerSocket socket;
  private final String path;
  private final String target;
  private volatile boolean used;

  private OneTimeRedirect(ServerSocket socket, String target) {
    this.socket = socket;
    this.target = target;
    this.path = "/" + Loopback.random(24);
  }

  /** Listens on 127.0.0.1 for the redirect to {@code target}. */
  public static OneTimeRedirect to(String target) {
    try {
      return new OneTimeRedirect(Loopback.bind(8), target);
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot listen on 127.0.0.1: " + e.getMessage(), "use: keyshell login --stdout");
    }
  }

  /** The local address to open: it holds no secret beyond its own single use. */
  public String localUrl() {
    return "http://127.0.0.1:" + socket.getLocalPort() + path;
  }

  /**
   * Answers requests until the redirect has been given or {@code millis} have passed; true when
   * given. Other requests (a favicon, a wrong path) get 404 and do not count.
   */
  public boolean awaitUse(long millis) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (!used) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        return false;
      }
      socket.setSoTimeout((int) left);
      try (Socket client = socket.accept()) {
        answer(client);
      } catch (SocketTimeoutException e) {
        return false;
      }
    }
    return true;
  }

  private void answer(Socket client) throws IOException {
    RequestHead head;
    try {
      head =
          RequestHead.read(
              client,
              CredentialEndpoint.MAX_HEAD_BYTES,
              System.nanoTime() + TimeUnit.SECONDS.toNanos(CredentialEndpoint.HEAD_SECONDS));
    } catch (RequestHead.Unreadable u) {
      return;
    }
    OutputStream out = client.getOutputStream();
    boolean mine =
        MessageDigest.isEqual(
            head.target().getBytes(StandardCharsets.UTF_8), path.getBytes(StandardCharsets.UTF_8));
    if (!mine || used || !head.method().equals("GET")) {
      out.write(
          "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return;
    }
    used = true;
    out.write(
        ("HTTP/1.1 302 Found\r\nLocation: "
                + target
                + "\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer"
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing: nothing left to do
    }
  }

  @Override
  public String toString() {
    return "OneTimeRedirect[127.0.0.1:" + socket.getLocalPort() + "]";
  }
}
