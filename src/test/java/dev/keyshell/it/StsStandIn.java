package dev.keyshell.it;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The local STS stand-in of the quick start ({@code shell/sts-standin}), in this JVM. */
final class StsStandIn implements AutoCloseable {
  final WireMockServer server;

  StsStandIn() {
    server =
        new WireMockServer(
            options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .usingFilesUnderDirectory(Sandbox.PROJECT.resolve("shell/sts-standin").toString())
                .globalTemplating(true));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The STS calls received, oldest first. */
  List<Call> calls() {
    return server.getAllServeEvents().stream()
        .map(e -> e.getRequest())
        .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
        .map(Call::of)
        .toList();
  }

  List<Call> calls(String action) {
    return calls().stream().filter(c -> action.equals(c.params().get("Action"))).toList();
  }

  void reset() {
    server.resetRequests();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** One request: its form parameters and the access key id that signed it. */
  record Call(Map<String, String> params, String signingKeyId, long atMillis) {
    static Call of(LoggedRequest r) {
      Map<String, String> params = new HashMap<>();
      for (String pair : r.getBodyAsString().split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String auth = r.getHeader("Authorization");
      String key = null;
      if (auth != null && auth.contains("Credential=")) {
        key = auth.substring(auth.indexOf("Credential=") + 11).split("/")[0];
      }
      return new Call(params, key, r.getLoggedDate().getTime());
    }
  }
}
