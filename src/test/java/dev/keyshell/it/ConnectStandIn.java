package dev.keyshell.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.keyshell.store.OnePasswordFixtures;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 1Password Connect server in this JVM, stateful enough for init and run: the recorded vault, the
 * recorded AWS item, and every item POSTed kept and served back on GET, in the spec's shapes plus
 * the properties real servers add ({@code purpose: ""}, {@code state}, {@code entropy}). It checks
 * the Bearer token, understands SCIM {@code eq} filters, records each request, and can be told to
 * fail every request with a status.
 */
final class ConnectStandIn implements AutoCloseable {
  static final String TOKEN = "eyJhbGciOiJFUzI1NiIsImtpZCI6InN0YW5kaW4ifQ.standin-token-value";
  static final String VAULT = "hfnjvi6aymbsnfc2xeeoheizda";

  /** The recorded API Credential titled AWS, with an OTP field whose {@code totp} is this. */
  static final String AWS_ITEM = "wepiqdxdzncjtnvmv5fegud4qy";

  static final String AWS_ITEM_TOTP = "287082";
  private static final Pattern FILTER = Pattern.compile("(\\w+) eq \"((?:[^\"\\\\]|\\\\.)*)\"");

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final ArrayNode vaults;
  private final Map<String, ObjectNode> items = Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile int failWith;
  private volatile String failMessage = "stand-in told to fail";
  private volatile boolean trickle;
  private volatile String totp;
  private int created;

  /** One request as received: method, path and raw query, and the Authorization header. */
  record Request(String line, String authorization) {}

  private final List<Request> log = Collections.synchronizedList(new ArrayList<>());

  ConnectStandIn() throws IOException {
    vaults = (ArrayNode) OnePasswordFixtures.json0("connect-sdk-python__get_vaults.json");
    ObjectNode aws = OnePasswordFixtures.json("SYNTHETIC__connect-api-credential-with-otp.json");
    add(aws);
    ObjectNode archived = aws.deepCopy(); // same title, archived: never a match
    archived.put("id", "arch1v3d1t3mk3ysh3ll00000a").put("state", "ARCHIVED");
    add(archived);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Stores an item as it is (its id and vault included). */
  void add(ObjectNode item) {
    items.put(item.get("id").asText(), item);
  }

  void remove(String id) {
    items.remove(id);
  }

  /** The current code the server reports in the OTP fields of items it creates; null: none. */
  void totp(String code) {
    this.totp = code;
  }

  /** Every later request fails with this status (0: serve normally). */
  /** Every answer from now on: status and headers at once, then the body one byte a second. */
  void trickle() {
    this.trickle = true;
  }

  /** Fail every request with {@code status} and this {@code message} (a hostile one, say). */
  void failWith(int status, String message) {
    this.failMessage = message;
    this.failWith = status;
  }

  void failWith(int status) {
    this.failWith = status;
  }

  /** The requests so far, e.g. {@code GET /v1/vaults/V/items/I}. */
  List<Request> requests() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  ObjectNode item(String id) {
    return items.get(id);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String query = ex.getRequestURI().getRawQuery();
      String line =
          ex.getRequestMethod()
              + " "
              + ex.getRequestURI().getRawPath()
              + (query == null ? "" : "?" + query);
      log.add(new Request(line, ex.getRequestHeaders().getFirst("Authorization")));
      byte[] body = ex.getRequestBody().readAllBytes();
      if (failWith != 0) {
        error(ex, failWith, failMessage);
        return;
      }
      if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
        error(ex, 401, "Invalid token signature");
        return;
      }
      String[] parts = ex.getRequestURI().getPath().split("/");
      String filter = query == null ? null : URLDecoder.decode(query, StandardCharsets.UTF_8);
      route(ex, parts, filter, body);
    }
  }

  private void route(HttpExchange ex, String[] p, String filter, byte[] body) throws IOException {
    String method = ex.getRequestMethod();
    if (p.length < 3 || !p[1].equals("v1") || !p[2].equals("vaults")) {
      error(ex, 404, "not a Connect API path");
    } else if (p.length == 3 && method.equals("GET")) {
      send(ex, 200, matching(vaults, "name", filter));
    } else if (vault(p[3]) == null) {
      error(ex, 404, "vault " + p[3] + " not found");
    } else if (p.length == 4 && method.equals("GET")) {
      send(ex, 200, vault(p[3]));
    } else if (p.length == 5 && p[4].equals("items") && method.equals("GET")) {
      send(ex, 200, matching(summaries(p[3]), "title", filter));
    } else if (p.length == 5 && p[4].equals("items") && method.equals("POST")) {
      send(ex, 200, create(p[3], (ObjectNode) json.readTree(body)));
    } else if (p.length == 6 && method.equals("GET")) {
      ObjectNode item = items.get(p[5]);
      if (item == null || !p[3].equals(item.path("vault").path("id").asText())) {
        error(ex, 404, "item " + p[5] + " not found");
      } else {
        send(ex, 200, item);
      }
    } else {
      error(ex, 405, "method not allowed");
    }
  }

  private ObjectNode create(String vaultId, ObjectNode item) {
    String id;
    synchronized (this) {
      id = "c0nn3ctcr3at3d1t3m000000" + (char) ('a' + created / 26) + (char) ('a' + created++ % 26);
    }
    item.put("id", id);
    item.put("version", 1);
    item.putObject("vault").put("id", vaultId);
    item.put("createdAt", "2026-01-01T00:00:00Z");
    item.put("lastEditedBy", "DOIHOHSV2NHK5HMSOLCWJUXFDM");
    int n = 0;
    for (JsonNode f : item.withArray("fields")) {
      ObjectNode field = (ObjectNode) f;
      field.put("id", "f1e1d" + n++);
      field.put("purpose", "");
      if ("OTP".equals(field.path("type").asText()) && totp != null) {
        field.put("totp", totp);
      }
    }
    add(item);
    return item;
  }

  private ArrayNode summaries(String vaultId) {
    ArrayNode out = json.createArrayNode();
    synchronized (items) {
      for (ObjectNode item : items.values()) {
        if (vaultId.equals(item.path("vault").path("id").asText())) {
          ObjectNode s = item.deepCopy();
          s.remove(List.of("fields", "sections", "files"));
          out.add(s);
        }
      }
    }
    return out;
  }

  private JsonNode vault(String id) {
    for (JsonNode v : vaults) {
      if (v.path("id").asText().equals(id)) {
        return v;
      }
    }
    return null;
  }

  private ArrayNode matching(ArrayNode all, String attribute, String query) {
    if (query == null || !query.startsWith("filter=")) {
      return all;
    }
    Matcher m = FILTER.matcher(query.substring("filter=".length()));
    if (!m.matches() || !m.group(1).equals(attribute)) {
      return json.createArrayNode();
    }
    String value = m.group(2).replace("\\\"", "\"").replace("\\\\", "\\");
    ArrayNode out = json.createArrayNode();
    all.forEach(
        n -> {
          if (n.path(attribute).asText().equals(value)) {
            out.add(n);
          }
        });
    return out;
  }

  private void error(HttpExchange ex, int status, String message) throws IOException {
    ObjectNode e = json.createObjectNode();
    e.put("status", status);
    e.put("message", message);
    send(ex, status, e);
  }

  private void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    if (trickle) {
      for (byte b : bytes) {
        ex.getResponseBody().write(b);
        ex.getResponseBody().flush();
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      return;
    }
    ex.getResponseBody().write(bytes);
  }
}
