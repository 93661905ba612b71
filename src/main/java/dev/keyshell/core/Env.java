package dev.keyshell.core;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The process environment keyshell reads: variables, home and working directory.
 *
 * <p>Passed in rather than read from {@link System#getenv()} so tests can point every path at a
 * temporary directory.
 */
public record Env(Map<String, String> vars, Path home, Path cwd) {

  public Env {
    vars = Map.copyOf(vars);
  }

  /** The environment of this process. */
  public static Env system() {
    return of(System.getenv(), Path.of(System.getProperty("user.dir")));
  }

  /**
   * The environment of a process with these variables and this (physical) working directory: this
   * one's, or a client's of the run agent (entry/RunAgent), read from /proc.
   */
  public static Env of(Map<String, String> vars, Path cwd) {
    String home = vars.getOrDefault("HOME", System.getProperty("user.home"));
    String pwd = vars.get("PWD");
    // $PWD keeps the user's logical path (symlinks unresolved); trust it only when it is cwd.
    if (pwd != null && !pwd.isEmpty()) {
      try {
        Path logical = Path.of(pwd);
        if (logical.isAbsolute() && logical.toRealPath().equals(cwd.toRealPath())) {
          cwd = logical;
        }
      } catch (java.io.IOException | RuntimeException e) {
        // keep the physical working directory
      }
    }
    return new Env(vars, Path.of(home), cwd);
  }

  /** The variable's value, empty when unset or blank. */
  public Optional<String> get(String name) {
    String v = vars.get(name);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
  }

  public Env withCwd(Path dir) {
    return new Env(vars, home, dir);
  }
}
