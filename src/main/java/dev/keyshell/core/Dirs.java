package dev.keyshell.core;

import java.nio.file.Path;

/** Where keyshell keeps its files, per DESIGN.md "Files". */
public record Dirs(Path config, Path data, Path cache, Path runtime) {
  private static final int SESSION_LENGTH = 24;

  // Plain conditionals rather than Optional chains: this runs on the warm path of every aws.
  public static Dirs of(Env env) {
    String configDir = value(env, "KEYSHELL_CONFIG_DIR");
    Path config =
        configDir != null
            ? Path.of(configDir)
            : xdg(env, "XDG_CONFIG_HOME", ".config").resolve("keyshell");
    Path data = xdg(env, "XDG_DATA_HOME", ".local/share").resolve("keyshell");
    Path cache = xdg(env, "XDG_CACHE_HOME", ".cache").resolve("keyshell");
    String runtimeDir = value(env, "XDG_RUNTIME_DIR");
    String tmp = value(env, "TMPDIR");
    Path runtime =
        runtimeDir != null
            ? Path.of(runtimeDir).resolve("keyshell")
            : Path.of(tmp != null ? tmp : "/tmp").resolve("keyshell-" + Posix.uid());
    return new Dirs(config, data, cache, runtime);
  }

  private static Path xdg(Env env, String variable, String fallbackUnderHome) {
    String v = value(env, variable);
    if (v != null) {
      Path p = Path.of(v);
      if (p.isAbsolute()) {
        return p;
      }
    }
    return env.home().resolve(fallbackUnderHome);
  }

  private static String value(Env env, String name) {
    String v = env.vars().get(name);
    return v == null || v.isBlank() ? null : v;
  }

  /** {@code <config>/plugins.sh}. */
  public Path pluginsSh() {
    return config.resolve("plugins.sh");
  }

  public Path pluginsFish() {
    return config.resolve("plugins.fish");
  }

  /** The global default for a plugin: {@code <config>/plugins/<plugin>.json}. */
  public Path globalScope(String plugin) {
    return config.resolve("plugins").resolve(plugin + ".json");
  }

  /**
   * The session default: {@code <runtime>/sessions/<session>/<plugin>.json}.
   *
   * @throws KeyshellException when {@code session} is not an id {@code plugins.sh} makes
   */
  public Path sessionScope(String session, String plugin) {
    return runtime.resolve("sessions").resolve(checkSession(session)).resolve(plugin + ".json");
  }

  /**
   * {@code session} when it has the one form plugins.sh and plugins.fish give {@code
   * KEYSHELL_SESSION} (12 random bytes from {@code od -tx1}: 24 lowercase hex digits). Anything
   * else, such as {@code ../../tmp/evil}, would make the session scope a path of the caller's
   * choosing: read as trusted, written or deleted outside the runtime directory.
   */
  public static String checkSession(String session) {
    if (session.length() == SESSION_LENGTH) {
      boolean hex = true;
      for (int i = 0; i < SESSION_LENGTH && hex; i++) {
        char c = session.charAt(i);
        hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      }
      if (hex) {
        return session;
      }
    }
    throw new KeyshellException(
        "KEYSHELL_SESSION is not a session id that keyshell made: " + Display.text(session),
        "run: unset KEYSHELL_SESSION; a new terminal (or sourcing plugins.sh again) sets a fresh"
            + " one");
  }
}
