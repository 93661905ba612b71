package dev.keyshell.store.connect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keyshell.core.Display;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.store.OnePasswordJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Connect REST API over the JDK's HTTP client: Bearer token, JSON parsed as a tree, bounded
 * retries for GETs only, and every failure a one-line error naming the host, never the token.
 */
final class ConnectClient {
  /** Extra attempts for a GET that met a 5xx or a connection error. */
  static final int GET_RETRIES = 2;

  /** The largest answer read: an item is a few KiB, a vault's item list well under this. */
  static final int MAX_BODY = 8 << 20;

  private final URI base;
  private final String host;
  private final String token;
  private final HttpClient http;
  private final Duration timeout;

  ConnectClient(URI base, String token, HttpClient http, Duration timeout) {
    this.base = base;
    this.host = base.toString();
    this.token = token;
    this.http = http;
    this.timeout = timeout;
  }

  String host() {
    return host;
  }

  /** GETs {@code path} (already encoded); {@code subject} names what a 404 did not find. */
  JsonNode get(String path, String subject) {
    HttpRequest request = request(path).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int attempt = 0; ; attempt++) {
      boolean last = attempt >= GET_RETRIES;
      try {
        HttpResponse<byte[]> response = send(request, deadline);
        if (response.statusCode() >= 500 && !last) {
          pause(attempt);
          continue;
        }
        return body(response, subject);
      } catch (HttpTimeoutException e) {
        throw timedOut(e);
      } catch (IOException e) {
        if (last) {
          throw unreachable(e);
        }
        pause(attempt);
      }
    }
  }

  /** POSTs {@code body} once: a create is not repeated, so a retry can never make two items. */
  JsonNode post(String path, JsonNode body, String subject) {
    return send(path, "POST", body, subject);
  }

  /** PUTs {@code body} once: the whole item, replacing the stored one. */
  JsonNode put(String path, JsonNode body, String subject) {
    return send(path, "PUT", body, subject);
  }

  private JsonNode send(String path, String method, JsonNode body, String subject) {
    byte[] bytes;
    try {
      bytes = OnePasswordJson.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new KeyshellException("cannot write the item for Connect", null, e);
    }
    HttpRequest request =
        request(path)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
            .build();
    try {
      return body(send(request, System.nanoTime() + timeout.toNanos()), subject);
    } catch (HttpTimeoutException e) {
      throw timedOut(e);
    } catch (IOException e) {
      throw unreachable(e);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  /**
   * One exchange, body included, ended at {@code deadline} (a {@link System#nanoTime} value): the
   * request's own timeout stops at the response headers, so a server that trickles its body one
   * byte a second would otherwise hold keyshell for ever.
   */
  private HttpResponse<byte[]> send(HttpRequest request, long deadline) throws IOException {
    CompletableFuture<HttpResponse<byte[]>> exchange =
        http.sendAsync(request, info -> BoundedBody.subscriber(MAX_BODY));
    try {
      return exchange.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException("no whole answer in time");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BoundedBody.TooLarge) {
        throw new KeyshellException(
            "the Connect server at "
                + host
                + " sent an answer larger than "
                + (MAX_BODY >> 20)
                + " MiB",
            "check that OP_CONNECT_HOST points at a 1Password Connect server");
      }
      if (e.getCause() instanceof HttpTimeoutException t) {
        throw t;
      }
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw new KeyshellException("interrupted while asking " + host, null, e);
    }
  }

  /** A query parameter or path segment, percent-encoded ({@code %20}, not {@code +}). */
  static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A SCIM {@code eq} filter, e.g. {@code title eq "AWS"}, encoded for the query string. */
  static String filter(String attribute, String value) {
    String quoted = value.replace("\\", "\\\\").replace("\"", "\\\"");
    return "?filter=" + encode(attribute + " eq \"" + quoted + "\"");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(host + path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json");
  }

  private JsonNode body(HttpResponse<byte[]> response, String subject) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        return OnePasswordJson.MAPPER.readTree(response.body());
      } catch (IOException e) {
        throw new KeyshellException(
            "the Connect server at " + host + " answered with something that is not JSON",
            "check that OP_CONNECT_HOST points at a 1Password Connect server");
      }
    }
    throw ConnectErrors.forStatus(status, serverMessage(response.body()), host, subject);
  }

  private static String serverMessage(byte[] body) {
    try {
      String message = OnePasswordJson.text(OnePasswordJson.MAPPER.readTree(body), "message");
      return message == null ? "" : Display.text(message.strip().replaceAll("\\s+", " "));
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private KeyshellException timedOut(HttpTimeoutException e) {
    return new KeyshellException(
        "the Connect server at " + host + " did not answer within " + timeout.toSeconds() + " s",
        "check that the Connect server is running and reachable, then try again",
        e);
  }

  private KeyshellException unreachable(IOException e) {
    return new KeyshellException(
        "cannot reach the Connect server at " + host + " (" + ConnectErrors.describe(e) + ")",
        "check OP_CONNECT_HOST and that the Connect server is running",
        e);
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(200L * (attempt + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
