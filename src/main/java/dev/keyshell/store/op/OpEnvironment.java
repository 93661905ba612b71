package dev.keyshell.store.op;

import dev.keyshell.core.Env;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment {@code op} runs with: what it needs to find its config, the desktop app and the
 * network, and nothing else. A list of what passes rather than of what is dropped, so AWS keys,
 * {@code KEYSHELL_VAULT_PASSPHRASE} and any secret added later never reach it.
 */
final class OpEnvironment {
  private static final Set<String> PASSED =
      Set.of(
          "PATH",
          "HOME",
          "USER",
          "LOGNAME",
          "LANG",
          "LC_ALL",
          "TZ",
          "TMPDIR",
          "DISPLAY",
          "WAYLAND_DISPLAY",
          "DBUS_SESSION_BUS_ADDRESS",
          "SSL_CERT_FILE",
          "SSL_CERT_DIR",
          "HTTPS_PROXY",
          "HTTP_PROXY",
          "NO_PROXY",
          "https_proxy",
          "http_proxy",
          "no_proxy");

  private OpEnvironment() {}

  static Map<String, String> of(Env env) {
    Map<String, String> out = new TreeMap<>();
    env.vars()
        .forEach(
            (name, value) -> {
              if (PASSED.contains(name)
                  || name.startsWith("OP_")
                  || name.startsWith("XDG_")
                  || name.startsWith("LC_")) {
                out.put(name, value);
              }
            });
    out.putIfAbsent("HOME", env.home().toString());
    return out;
  }
}
