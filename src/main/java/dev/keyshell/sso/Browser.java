package dev.keyshell.sso;

import dev.keyshell.core.Env;
import dev.keyshell.proc.Executables;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Opens a URL for the person at the terminal: {@code $BROWSER} (a command, {@code %s} standing for
 * the URL, else the URL appended), else {@code xdg-open}, else nothing and the caller prints it.
 * The browser is started and left to run: its window outlives keyshell.
 */
public final class Browser {
  private final Env env;

  public Browser(Env env) {
    this.env = env;
  }

  /** Whether a browser was started. */
  public boolean open(String url) {
    Optional<List<String>> command = command(url);
    if (command.isEmpty()) {
      return false;
    }
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command.get())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().clear();
      pb.environment().putAll(env.vars());
      // keyshell's own secrets are nothing for a browser.
      pb.environment().remove("KEYSHELL_VAULT_PASSPHRASE");
      pb.environment().remove("OP_CONNECT_TOKEN");
      pb.start();
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private Optional<List<String>> command(String url) {
    String path = env.vars().get("PATH");
    Optional<String> browser = env.get("BROWSER");
    if (browser.isPresent()) {
      // Like Python's webbrowser: the first of a colon-separated list that is installed.
      for (String entry : browser.get().split(":")) {
        List<String> words = new ArrayList<>(Arrays.asList(entry.trim().split("\\s+")));
        if (words.get(0).isEmpty()) {
          continue;
        }
        Optional<Path> exe = Executables.find(words.get(0), path);
        if (exe.isEmpty()) {
          continue;
        }
        words.set(0, exe.get().toString());
        boolean placed = false;
        for (int i = 1; i < words.size(); i++) {
          if (words.get(i).contains("%s")) {
            words.set(i, words.get(i).replace("%s", url));
            placed = true;
          }
        }
        if (!placed) {
          words.add(url);
        }
        return Optional.of(words);
      }
    }
    return Executables.find("xdg-open", path).map(p -> List.of(p.toString(), url));
  }
}
