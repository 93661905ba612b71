package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm path's rules, enforced: a warm {@code plugin run} and a warm {@code export} load no
 * picocli, no Jackson databind, no AWS SDK class, nothing of the JCA/JCE (java.security.Security,
 * its providers, MessageDigest, SecureRandom, javax.crypto) and no lambda of keyshell's: each would
 * cost every {@code aws} milliseconds to tens of them (docs/performance.md). Run in a child JVM
 * with {@code -Xlog:class+load}, on a cache a real first call warmed. And once the run agent
 * (entry/RunAgent) runs, a warm {@code plugin run} through the launcher starts no JVM at all.
 */
class WarmPathIT {
  static final List<String> FORBIDDEN =
      List.of(
          "picocli.",
          "com.fasterxml.jackson.databind.",
          "software.amazon.",
          "javax.crypto.",
          "java.security.Security",
          "java.security.MessageDigest",
          "java.security.SecureRandom",
          "sun.security.jca.",
          "sun.security.provider.",
          "com.sun.crypto.provider.");

  /** A lambda of keyshell's own code spins method handles at start (about 9 ms the first). */
  private static boolean forbidden(String c) {
    return FORBIDDEN.stream().anyMatch(c::startsWith)
        || (c.startsWith("dev.keyshell.") && c.contains("$$Lambda"));
  }

  @TempDir Path tmp;
  Sandbox box;
  StsStandIn sts;

  @BeforeEach
  void setUp() throws Exception {
    sts = new StsStandIn();
    box = Users.initialised(tmp, sts, Users.CONFIG);
    // The child must be called aws to be wrapped; true stands in for it.
    Path aws = box.root.resolve("fake/aws");
    Files.createDirectories(aws.getParent());
    Files.createSymbolicLink(aws, Path.of("/bin/true"));
    box.keyshell(null, "plugin", "run", "--", aws.toString(), "sts", "get-caller-identity").ok();
  }

  @AfterEach
  void tearDown() {
    box.keyshell(null, "lock");
    sts.close();
  }

  /** The classes a JVM loads running keyshell with {@code args}. */
  private List<String> classesLoaded(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xshare:off");
    cmd.add("-Xlog:class+load=info:stdout");
    cmd.add("-cp");
    cmd.add(Sandbox.PROJECT.resolve("target/keyshell.jar").toString());
    cmd.add("dev.keyshell.Main");
    cmd.addAll(List.of(args));
    Sandbox.Result r = box.run(cmd, null);
    assertEquals(0, r.exit(), r.toString());
    List<String> loaded = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      int at = line.indexOf("[class,load] ");
      if (at >= 0) {
        loaded.add(line.substring(at + 13).split(" ")[0]);
      }
    }
    assertTrue(loaded.size() > 100, "class loading was logged:\n" + r);
    return loaded;
  }

  private static void assertNoneForbidden(List<String> loaded) {
    List<String> bad = loaded.stream().filter(WarmPathIT::forbidden).toList();
    assertEquals(List.of(), bad, "the warm path loaded what it must not");
    assertTrue(loaded.contains("dev.keyshell.entry.FastRun"), "it ran keyshell's code");
  }

  @Test
  void a_warm_plugin_run_loads_no_picocli_databind_sdk_or_jca() {
    String aws = box.root.resolve("fake/aws").toString();
    assertNoneForbidden(classesLoaded("plugin", "run", "--", aws, "sts", "get-caller-identity"));
  }

  @Test
  void a_warm_plugin_run_starts_no_jvm_once_the_run_agent_runs() throws Exception {
    RunAgents.recordJvms(box);
    String aws = box.root.resolve("fake/aws").toString();
    box.keyshell(null, "plugin", "run", "--", aws, "sts", "get-caller-identity").ok();
    assertTrue(RunAgents.jvmStarted(box), "the guard sees a JVM start");
    RunAgents.await(box);
    box.keyshell(null, "plugin", "run", "--", aws, "sts", "get-caller-identity").ok();
    assertFalse(RunAgents.jvmStarted(box), "a warm hit started a JVM although the agent runs");
  }

  @Test
  void a_warm_export_loads_no_picocli_databind_sdk_or_jca() {
    List<String> loaded = classesLoaded("export", "--format", "json");
    List<String> bad = loaded.stream().filter(WarmPathIT::forbidden).toList();
    assertEquals(List.of(), bad, "the warm export loaded what it must not");
    assertTrue(loaded.contains("dev.keyshell.entry.FastExport"), "it ran keyshell's code");
  }

  @Test
  void the_guard_sees_a_cold_call_load_the_sdk() throws Exception {
    box.keyshell(null, "lock").ok();
    box.env.put("KEYSHELL_VAULT_PASSPHRASE", "correct-horse-battery-staple");
    String aws = box.root.resolve("fake/aws").toString();
    List<String> loaded = classesLoaded("plugin", "run", "--", aws, "sts", "get-caller-identity");
    assertTrue(
        loaded.stream().anyMatch(c -> c.startsWith("software.amazon.")),
        "a cold call mints through the SDK, so the guard would see a warm path that did");
    assertTrue(
        loaded.stream().anyMatch(c -> c.startsWith("javax.crypto.")),
        "a cold call opens the vault with the JCE, so the guard would see a warm path that did");
  }
}
