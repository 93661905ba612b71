package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway user for black-box tests: its own HOME, XDG and runtime directories, and a clean
 * environment. Runs the packaged launcher and real shells, as a person would.
 */
final class Sandbox {
  static final Path PROJECT = Path.of(System.getProperty("keyshell.home", ".")).toAbsolutePath();
  static final Path KEYSHELL = PROJECT.resolve("bin/keyshell");

  /** The Debian AWS CLI, first on PATH even where another aws is installed elsewhere. */
  static final String PATH = "/usr/bin:/bin:/usr/sbin:/sbin";

  final Path root;
  final Path home;
  final Path runtime;
  final Map<String, String> env = new HashMap<>();

  /** Put before every command: {@link SystemUser#prefix()} runs the sandbox as that user. */
  final List<String> prefix = new ArrayList<>();

  Sandbox(Path root) throws IOException {
    this.root = root;
    this.home = Files.createDirectories(root.resolve("home"));
    this.runtime = Files.createDirectories(root.resolve("run"));
    Files.setPosixFilePermissions(runtime, PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(home.resolve(".aws"));
    env.put("HOME", home.toString());
    env.put("PATH", PATH);
    env.put("LANG", "C.UTF-8");
    env.put("XDG_RUNTIME_DIR", runtime.toString());
    env.put("AWS_PAGER", "");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("KEYSHELL_NO_TTY", "1");
    String javaHome = System.getProperty("java.home");
    env.put("JAVA_HOME", javaHome);
  }

  Path write(String relative, String content) {
    try {
      Path p = root.resolve(relative);
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path credentials(String content) {
    return write("home/.aws/credentials", content);
  }

  Path config(String content) {
    return write("home/.aws/config", content);
  }

  Path configDir() {
    return home.resolve(".config/keyshell");
  }

  /** The result of a process: exit code and both streams. */
  record Result(int exit, String out, String err) {
    Result ok() {
      if (exit != 0) {
        fail("expected exit 0, got " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err);
      }
      return this;
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  Result keyshell(String stdin, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(KEYSHELL.toString());
    cmd.addAll(List.of(args));
    return run(cmd, stdin);
  }

  /**
   * Starts {@code keyshell ARGS...} without waiting, its output dropped: for a test that kills it
   * half-way, as a crash would.
   */
  Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.add(KEYSHELL.toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  /** Runs {@code script} in a real {@code shell} (bash, zsh or fish), non-interactively. */
  Result shell(String shell, String script) {
    return run(List.of("/usr/bin/" + shell, "-c", script), null);
  }

  Result run(List<String> cmd, String stdin) {
    try {
      List<String> full = new ArrayList<>(prefix);
      full.addAll(cmd);
      ProcessBuilder pb = new ProcessBuilder(full).directory(home.toFile());
      pb.environment().clear();
      pb.environment().putAll(env);
      Path out = Files.createTempFile(root, "out", ".txt");
      Path err = Files.createTempFile(root, "err", ".txt");
      pb.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process p = pb.start();
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        fail("timed out: " + cmd);
      }
      Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Every regular file below {@code dir} whose bytes contain {@code needle}. */
  static List<Path> filesContaining(Path dir, String needle) throws IOException {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    List<Path> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        byte[] b = Files.readAllBytes(f);
        if (indexOf(b, n) >= 0) {
          hits.add(f);
        }
      }
    }
    return hits;
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
