package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal for black-box tests: a private tmux server (100x40) running bash with
 * exactly the sandbox's environment; tests type into it and read the screen as a person would.
 */
final class Tmux implements AutoCloseable {
  private static final long WAIT_MILLIS = 90_000;

  /** The shell's prompt (capture-pane drops trailing blanks, so it ends in no space). */
  static final String PROMPT = "[tty]$";

  /** Prints EXIT=<code>. after a command; typed split, so the echoed line never matches. */
  static final String EXIT_ECHO = "echo \"EX\"\"IT=$?.\"";

  private final Path socket;
  private final Path screens;

  Tmux(Path dir, Map<String, String> env, Path screens) throws IOException {
    this.socket = dir.resolve("tmux.sock");
    this.screens = Files.createDirectories(screens);
    StringBuilder cmd = new StringBuilder("exec env -i");
    for (var e : new TreeMap<>(env).entrySet()) {
      cmd.append(' ').append(quote(e.getKey() + "=" + e.getValue()));
    }
    cmd.append(" PS1=" + quote(PROMPT + " ") + " /bin/bash --norc --noprofile");
    tmux("new-session", "-d", "-x", "100", "-y", "40", "-s", "t", cmd.toString());
    waitFor(PROMPT);
  }

  /** Types {@code text} literally and presses Enter. */
  void line(String text) {
    tmux("send-keys", "-t", "t", "-l", text);
    keys("Enter");
  }

  /** Presses keys by tmux name: Enter, Up, Down, C-c, BSpace... */
  void keys(String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", "t"));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  void type(String text) {
    tmux("send-keys", "-t", "t", "-l", text);
  }

  String screen() {
    return tmux("capture-pane", "-p", "-J", "-t", "t"); // -J: wrapped lines joined
  }

  /** Waits until the screen shows {@code text}; returns the screen. */
  String waitFor(String text) {
    return waitUntil(s -> s.contains(text), "'" + text + "'");
  }

  /** Waits until the screen is {@code wanted}; returns the screen. */
  private String waitUntil(java.util.function.Predicate<String> wanted, String what) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
    String s = screen();
    while (!wanted.test(s)) {
      if (System.nanoTime() > deadline) {
        fail("the screen never showed " + what + ":\n" + s);
      }
      sleep();
      s = screen();
    }
    return s;
  }

  /** Clears the screen and starts {@code command}; {@link #exitCode} waits for its end. */
  void start(String command) {
    keys("C-l");
    // The screen before the clear ends in a prompt too: wait for the cleared one, or exitCode
    // could read the previous command's EXIT= line (seen on a loaded machine).
    waitUntil(s -> s.strip().equals(PROMPT), "a cleared screen");
    line(command + "; " + EXIT_ECHO);
  }

  /** Waits for the command started last to end; returns its exit code. */
  int exitCode() {
    String s = waitFor("EXIT=");
    int at = s.lastIndexOf("EXIT=");
    return Integer.parseInt(s.substring(at + 5, s.indexOf('.', at)));
  }

  /** Saves the screen under {@code name}.txt (docs/screens is made from these). */
  String snapshot(String name) {
    String s = screen().stripTrailing() + "\n";
    try {
      Files.writeString(screens.resolve(name + ".txt"), s, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }

  @Override
  public void close() {
    tmux("kill-server");
  }

  private String tmux(String... args) {
    List<String> cmd = new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", "/dev/null"));
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("tmux did not answer: " + cmd);
      }
      if (p.exitValue() != 0 && !args[0].equals("kill-server")) {
        fail("tmux failed: " + cmd + "\n" + out);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
