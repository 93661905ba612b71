package dev.keyshell.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.keyshell.Main;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs keyshell's real command line ({@link Main#run}: the warm paths, then the picocli tree with
 * its one exception mapper) in this JVM, with captured stdout and stderr, no terminal, and every
 * file under a temporary directory. A failed assertion on a {@link Run} shows what it printed.
 */
public final class CommandHarness {
  private final Path root;
  private final Map<String, String> vars = new HashMap<>();
  private Path cwd;

  /** Home is {@code root/home}, the runtime directory {@code root/run}, the working dir root. */
  public CommandHarness(Path root) {
    this.root = root;
    this.cwd = root;
    vars.put("XDG_RUNTIME_DIR", root.resolve("run").toString());
    vars.put("KEYSHELL_NO_TTY", "1");
  }

  /** Sets an environment variable for the following runs. */
  public CommandHarness set(String name, String value) {
    vars.put(name, value);
    return this;
  }

  /** Runs the following commands in {@code dir}. */
  public CommandHarness in(Path dir) {
    this.cwd = dir;
    return this;
  }

  public Path home() {
    return root.resolve("home");
  }

  /** The environment the next run sees. */
  public Env env() {
    return new Env(new HashMap<>(vars), home(), cwd);
  }

  /** The directories the next run uses. */
  public Dirs dirs() {
    return Dirs.of(env());
  }

  public Run run(String... args) {
    return runWithInput("", args);
  }

  /** Runs with {@code stdin} as standard input. */
  public Run runWithInput(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            args,
            env(),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** What one run printed; shown whole when an assertion fails. */
  public record Run(int exit, String out, String err) {
    /** Asserts the exit code, showing the run when it differs. */
    public Run exits(int expected) {
      assertEquals(expected, exit, this::toString);
      return this;
    }

    public Run ok() {
      return exits(0);
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
