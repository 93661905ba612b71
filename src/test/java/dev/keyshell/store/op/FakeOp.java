package dev.keyshell.store.op;

import dev.keyshell.core.Env;
import dev.keyshell.store.OnePasswordFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake {@code op} of src/test/resources/fake-op installed in a temporary bin directory, with
 * the environment that puts it on PATH and the files where it records argv, stdin and env.
 */
public final class FakeOp {
  public final Path bin;
  public final Path log;
  public final Path items;
  private final Map<String, String> vars = new HashMap<>();

  public FakeOp(Path tmp) throws IOException {
    bin = Files.createDirectories(tmp.resolve("bin"));
    log = Files.createDirectories(tmp.resolve("log"));
    items = Files.createDirectories(tmp.resolve("items"));
    try (InputStream script = FakeOp.class.getResourceAsStream("/fake-op/op")) {
      Files.copy(script, bin.resolve("op"));
    }
    Files.setPosixFilePermissions(bin.resolve("op"), PosixFilePermissions.fromString("rwx------"));
    vars.put("PATH", bin + ":/usr/bin:/bin");
    vars.put("HOME", tmp.toString());
    vars.put("OP_FAKE_FIXTURES", OnePasswordFixtures.dir().toAbsolutePath().toString());
    vars.put("OP_FAKE_LOG", log.toString());
    vars.put("OP_FAKE_ITEMS", items.toString());
  }

  public FakeOp with(String name, String value) {
    vars.put(name, value);
    return this;
  }

  /** The {@code OP_FAKE_*} settings alone, for an environment built elsewhere (a sandbox). */
  public Map<String, String> settings() {
    Map<String, String> out = new HashMap<>(vars);
    out.keySet().removeIf(name -> !name.startsWith("OP_FAKE_"));
    return out;
  }

  public Env env() {
    return new Env(vars, Path.of(vars.get("HOME")), Path.of(vars.get("HOME")));
  }

  /** Each call's argv, in order. */
  public List<List<String>> calls() {
    List<List<String>> calls = new ArrayList<>();
    List<String> current = new ArrayList<>();
    for (String line : read("argv").lines().toList()) {
      if (line.equals("--END--")) {
        calls.add(current);
        current = new ArrayList<>();
      } else {
        current.add(line);
      }
    }
    return calls;
  }

  public String read(String file) {
    try {
      Path p = log.resolve(file);
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
