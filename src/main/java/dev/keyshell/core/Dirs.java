package dev.keyshell.core;

import java.nio.file.Path;

/** Where keyshell keeps its files, per DESIGN.md "Files". */
public record Dirs(Path config, Path data, Path cache, Path runtime) {

  public static Dirs of(Env env) {
    Path config =
        env.get("KEYSHELL_CONFIG_DIR")
            .map(Path::of)
            .orElseGet(() -> xdg(env, "XDG_CONFIG_HOME", ".config").resolve("keyshell"));
    Path data = xdg(env, "XDG_DATA_HOME", ".local/share").resolve("keyshell");
    Path cache = xdg(env, "XDG_CACHE_HOME", ".cache").resolve("keyshell");
    Path runtime =
        env.get("XDG_RUNTIME_DIR")
            .map(d -> Path.of(d).resolve("keyshell"))
            .orElseGet(
                () -> Path.of(env.get("TMPDIR").orElse("/tmp")).resolve("keyshell-" + Posix.uid()));
    return new Dirs(config, data, cache, runtime);
  }

  private static Path xdg(Env env, String variable, String fallbackUnderHome) {
    return env.get(variable)
        .map(Path::of)
        .filter(Path::isAbsolute)
        .orElseGet(() -> env.home().resolve(fallbackUnderHome));
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
