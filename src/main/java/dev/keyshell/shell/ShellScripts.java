package dev.keyshell.shell;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.plugin.Plugin;
import dev.keyshell.plugin.Plugins;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Renders {@code plugins.sh} (bash, zsh) and {@code plugins.fish} from the templates shipped in the
 * jar, calling keyshell by the absolute path of its launcher, and says which rc line sources them.
 */
public final class ShellScripts {
  private final Dirs dirs;
  private final Path launcher;

  public ShellScripts(Dirs dirs, Path launcher) {
    this.dirs = dirs;
    this.launcher = launcher;
  }

  /** The launcher this JVM was started by ({@code bin/keyshell} passes its own path). */
  public static Path currentLauncher() {
    String p = System.getProperty("keyshell.launcher");
    if (p == null || p.isBlank()) {
      throw new KeyshellException(
          "cannot tell where the keyshell launcher is",
          "run keyshell through its launcher, bin/keyshell");
    }
    return Path.of(p);
  }

  public String renderSh() {
    String keyshell = shQuote(launcher.toString());
    StringBuilder functions = new StringBuilder();
    for (Plugin p : Plugins.all()) {
      for (String exe : p.executableNames()) {
        // A function already defined (this file sourced again) is replaced; `command -v` would
        // find it, so ask for a file on PATH.
        functions
            .append("unalias ")
            .append(exe)
            .append(" 2>/dev/null || true\n")
            .append("unset -f ")
            .append(exe)
            .append(" 2>/dev/null || true\n")
            .append("if command -v ")
            .append(exe)
            .append(" >/dev/null 2>&1; then ")
            .append(exe)
            .append("() { ")
            .append(keyshell)
            .append(" plugin run -- ")
            .append(exe)
            .append(" \"$@\"; }; fi\n");
      }
    }
    return template("plugins.sh.template")
        .replace("{{FUNCTIONS}}\n", functions.toString())
        .replace("{{KEYSHELL}}", keyshell);
  }

  public String renderFish() {
    String keyshell = fishQuote(launcher.toString());
    StringBuilder functions = new StringBuilder();
    for (Plugin p : Plugins.all()) {
      for (String exe : p.executableNames()) {
        functions
            .append("if command -q ")
            .append(exe)
            .append("\n    function ")
            .append(exe)
            .append(" --wraps ")
            .append(exe)
            .append(" --description '")
            .append(exe)
            .append(" with credentials from keyshell'\n        ")
            .append(keyshell)
            .append(" plugin run -- ")
            .append(exe)
            .append(" $argv\n    end\nend\n");
      }
    }
    return template("plugins.fish.template")
        .replace("{{FUNCTIONS}}\n", functions.toString())
        .replace("{{KEYSHELL}}", keyshell);
  }

  /** Writes both files (0600 in the 0700 config directory); returns plugins.sh's path. */
  public Path write() throws IOException {
    SecureFiles.writeAtomically(dirs.pluginsSh(), renderSh().getBytes(StandardCharsets.UTF_8));
    SecureFiles.writeAtomically(dirs.pluginsFish(), renderFish().getBytes(StandardCharsets.UTF_8));
    return dirs.pluginsSh();
  }

  /** The rc file of the user's {@code $SHELL} and the exact line that sources keyshell there. */
  public RcLine rcLine(Env env) {
    String shell = env.get("SHELL").map(s -> Path.of(s).getFileName().toString()).orElse("bash");
    return switch (shell) {
      case "zsh" ->
          new RcLine(
              "zsh",
              env.home().resolve(".zshrc"),
              "source " + shQuote(dirs.pluginsSh().toString()));
      case "fish" ->
          new RcLine(
              "fish",
              env.get("XDG_CONFIG_HOME")
                  .map(Path::of)
                  .orElse(env.home().resolve(".config"))
                  .resolve("fish")
                  .resolve("config.fish"),
              "source " + fishQuote(dirs.pluginsFish().toString()));
      default ->
          new RcLine(
              "bash",
              env.home().resolve(".bashrc"),
              "source " + shQuote(dirs.pluginsSh().toString()));
    };
  }

  /** A shell's rc file and the line to add to it. */
  public record RcLine(String shell, Path rcFile, String line) {}

  private static String template(String name) {
    try (InputStream in = ShellScripts.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String shQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  static String fishQuote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
