package dev.keyshell.shell;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
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
    return template("plugins.sh.template").replace("{{KEYSHELL}}", shQuote(launcher.toString()));
  }

  public String renderFish() {
    return template("plugins.fish.template")
        .replace("{{KEYSHELL}}", fishQuote(launcher.toString()));
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
