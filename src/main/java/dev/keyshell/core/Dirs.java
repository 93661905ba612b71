package dev.keyshell.core;

import java.nio.file.Path;

/** Where keyshell keeps its files, per DESIGN.md "Files". */
public record Dirs(Path config, Path data, Path cache, Path runtime) {

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

  /** The session default: {@code <runtime>/sessions/<session>/<plugin>.json}. */
  public Path sessionScope(String session, String plugin) {
    return runtime.resolve("sessions").resolve(session).resolve(plugin + ".json");
  }
}
