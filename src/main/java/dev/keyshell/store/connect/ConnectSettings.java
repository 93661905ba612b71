package dev.keyshell.store.connect;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Reads and checks {@code OP_CONNECT_HOST} and {@code OP_CONNECT_TOKEN}. */
final class ConnectSettings {
  private ConnectSettings() {}

  /**
   * The host as {@code scheme://host[:port]}: no path, and no user info that could hold a secret.
   */
  static URI host(Env env) {
    String raw =
        env.get("OP_CONNECT_HOST")
            .orElseThrow(
                () ->
                    new KeyshellException(
                        "OP_CONNECT_HOST is not set",
                        "set OP_CONNECT_HOST to your Connect server, e.g. http://localhost:8080"));
    try {
      URI uri = new URI(raw.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
        throw new URISyntaxException(raw, "not an http(s) URL");
      }
      return new URI(scheme, null, uri.getHost(), uri.getPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw new KeyshellException(
          "OP_CONNECT_HOST is not a URL like http://localhost:8080",
          "set OP_CONNECT_HOST to your Connect server's URL, scheme included");
    }
  }

  static String token(Env env) {
    return env.get("OP_CONNECT_TOKEN")
        .map(String::strip)
        .orElseThrow(
            () ->
                new KeyshellException(
                    "OP_CONNECT_TOKEN is not set",
                    "set OP_CONNECT_TOKEN to a Connect access token for this server"));
  }

  static boolean sameHost(String a, String b) {
    return strip(a).equalsIgnoreCase(strip(b));
  }

  private static String strip(String host) {
    return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
  }
}
