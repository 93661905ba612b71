package dev.keyshell.server;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.provision.Minted;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP endpoint that speaks the container-credentials contract every AWS SDK and the CLI
 * read ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI}, ../shared/conformance/ecs), as aws-vault's
 * {@code exec --ecs-server} does.
 *
 * <p>Hand-rolled on a {@link ServerSocket} bound to 127.0.0.1 rather than the JDK's HttpServer, so
 * that the head's size, each connection's time and the Host check are ours (docs/decisions.md).
 * Every request is refused unless it carries the right Host (DNS rebinding), the per-run token
 * (compared in constant time) and the per-run path; connections are served concurrently, each read
 * within {@link #HEAD_SECONDS}, and closed after one answer.
 */
public final class CredentialEndpoint implements AutoCloseable {
  static final int MAX_HEAD_BYTES = 8 * 1024;
  static final int HEAD_SECONDS = 5;
  static final int MAX_CONNECTIONS = 32;

  private final ServerSocket socket;
  private final RefreshingCredentials credentials;
  private final String token;
  private final String path;
  private final ThreadPoolExecutor workers;
  private final Thread acceptor;

  private CredentialEndpoint(ServerSocket socket, RefreshingCredentials credentials) {
    this.socket = socket;
    this.credentials = credentials;
    this.token = Loopback.random(32);
    this.path = "/" + Loopback.random(16);
    this.workers =
        new ThreadPoolExecutor(
            0,
            MAX_CONNECTIONS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> daemon(r, "keyshell-endpoint"));
    this.acceptor = daemon(this::acceptLoop, "keyshell-endpoint-accept");
  }

  /**
   * Binds to 127.0.0.1 on a free port and serves {@code credentials} until closed. The first mint
   * has already happened (its failure is the caller's to report).
   */
  static CredentialEndpoint start(RefreshingCredentials credentials) {
    ServerSocket s;
    try {
      s = Loopback.bind(50);
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot listen on 127.0.0.1: " + e.getMessage(),
          "check that the loopback interface is up");
    }
    CredentialEndpoint endpoint = new CredentialEndpoint(s, credentials);
    endpoint.acceptor.start();
    return endpoint;
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** {@code AWS_CONTAINER_CREDENTIALS_FULL_URI}. */
  public String uri() {
    return "http://127.0.0.1:" + port() + path;
  }

  /** {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}: random per run, never logged. */
  public String token() {
    return token;
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing: nothing left to do
    }
    workers.shutdownNow();
  }

  private void acceptLoop() {
    while (!socket.isClosed()) {
      Socket client;
      try {
        client = socket.accept();
      } catch (IOException e) {
        if (socket.isClosed()) {
          return;
        }
        continue; // one failed accept (too many files, a reset) never stops the endpoint
      }
      try {
        workers.execute(() -> serve(client));
      } catch (RejectedExecutionException e) {
        closeQuietly(client); // every worker busy: refuse this one rather than queue it
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      // Bound to 127.0.0.1, so only loopback can connect; checked again all the same.
      if (!client.getInetAddress().isLoopbackAddress()) {
        return;
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HEAD_SECONDS);
      RequestHead head;
      try {
        head = RequestHead.read(client, MAX_HEAD_BYTES, deadline);
      } catch (RequestHead.Unreadable u) {
        switch (u.failure) {
          case TOO_LARGE -> answer(client, 431, "RequestTooLarge", "request head too large");
          case MALFORMED -> answer(client, 400, "BadRequest", "malformed request");
          case TIMED_OUT -> answer(client, 408, "RequestTimeout", "request too slow");
          case CLOSED -> {}
        }
        return;
      }
      respond(client, head);
    } catch (IOException | RuntimeException e) {
      // one broken connection never stops the endpoint, and says nothing about the request
    }
  }

  private void respond(Socket client, RequestHead head) throws IOException {
    if (!hostAllowed(head.header("Host").orElse(""))) {
      answer(client, 403, "InvalidHost", "request refused");
      return;
    }
    String auth = head.header("Authorization").orElse(null);
    if (auth == null || auth.isEmpty()) {
      answer(client, 401, "Unauthorized", "request refused");
      return;
    }
    if (!constantTimeEquals(auth, token)) {
      answer(client, 403, "AccessDenied", "request refused");
      return;
    }
    if (!head.method().equals("GET")) {
      answer(client, 405, "MethodNotAllowed", "only GET");
      return;
    }
    if (!constantTimeEquals(head.target(), path)) {
      answer(client, 404, "NotFound", "no such path");
      return;
    }
    Minted m;
    try {
      m = credentials.current();
    } catch (KeyshellException e) {
      String hint = e.hint() == null ? "" : " (" + e.hint() + ")";
      answer(client, 500, "CredentialsUnavailable", "keyshell: " + e.getMessage() + hint);
      return;
    }
    write(client, 200, ContainerJson.credentials(m.credentials()));
  }

  /** {@code 127.0.0.1:PORT} or {@code localhost:PORT}: a rebound DNS name never matches. */
  private boolean hostAllowed(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    String port = ":" + port();
    return h.equals("127.0.0.1" + port) || h.equals("localhost" + port);
  }

  private static boolean constantTimeEquals(String sent, String expected) {
    return MessageDigest.isEqual(
        sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static void answer(Socket client, int status, String code, String message)
      throws IOException {
    write(client, status, ContainerJson.error(code, message));
  }

  private static void write(Socket client, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " "
            + reason(status)
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + b.length
            + "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    OutputStream out = client.getOutputStream();
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(b);
    out.flush();
    client.shutdownOutput();
    drain(client);
  }

  /**
   * Reads what the client still sends, briefly, before the socket closes: closing with unread bytes
   * makes the kernel send a reset, and the client could lose the answer (an oversized head's 431).
   */
  private static void drain(Socket client) {
    try {
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
      InputStream in = client.getInputStream();
      byte[] sink = new byte[4096];
      long left;
      while ((left = (until - System.nanoTime()) / 1_000_000) > 0) {
        client.setSoTimeout((int) left);
        if (in.read(sink) < 0) {
          return;
        }
      }
    } catch (IOException e) {
      // the client went away or kept talking: close now
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 431 -> "Request Header Fields Too Large";
      default -> "Internal Server Error";
    };
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  @Override
  public String toString() {
    return "CredentialEndpoint[127.0.0.1:" + port() + "]";
  }
}
