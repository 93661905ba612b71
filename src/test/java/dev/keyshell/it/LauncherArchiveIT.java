package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/keyshell's class-data-sharing archive: made on first use after a build, and never a word on
 * stdout or stderr when it cannot be used (another build, another JDK).
 */
class LauncherArchiveIT {
  @TempDir Path tmp;

  @Test
  void the_first_run_after_a_build_creates_the_archive_and_prints_only_its_own_output()
      throws Exception {
    Path install = install("a");
    Sandbox.Result r = run(install, "--version");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.err(), r.toString());
    assertTrue(r.out().matches("keyshell \\S+\n"), r.toString());
    assertTrue(Files.size(install.resolve("target/keyshell.jsa")) > 0);
    assertTrue(
        Files.size(install.resolve("target/keyshell-warm.jsa")) > 0,
        "and the warm path's own archive beside it");
  }

  @Test
  void an_archive_that_does_not_fit_this_build_is_ignored_silently() throws Exception {
    Path a = install("a");
    run(a, "--version");
    Path b = install("b");
    // a's archive names a's class path; b uses it as if it were its own (newer than the jar).
    Path jsa = b.resolve("target/keyshell.jsa");
    Files.copy(a.resolve("target/keyshell.jsa"), jsa, StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(a.resolve("target/keyshell.jsa.jdk"), b.resolve("target/keyshell.jsa.jdk"));
    Files.setLastModifiedTime(
        jsa,
        FileTime.fromMillis(
            Files.getLastModifiedTime(b.resolve("target/keyshell.jar")).toMillis() + 60_000));
    byte[] foreign = Files.readAllBytes(jsa);

    Sandbox.Result r = run(b, "--version");
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.err(), r.toString());
    assertTrue(r.out().matches("keyshell \\S+\n"), r.toString());
    assertTrue(
        java.util.Arrays.equals(foreign, Files.readAllBytes(jsa)), "the archive was kept as is");

    // The same for the warm path's archive: export starts with it, and hands --help on.
    Path warm = b.resolve("target/keyshell-warm.jsa");
    Files.copy(a.resolve("target/keyshell-warm.jsa"), warm, StandardCopyOption.REPLACE_EXISTING);
    Sandbox.Result help = run(b, "export", "--help");
    assertEquals(0, help.exit(), help.toString());
    assertEquals("", help.err(), help.toString());
    assertTrue(help.out().contains("Usage: keyshell export"), help.toString());
  }

  @Test
  void an_archive_made_with_another_java_is_made_again() throws Exception {
    Path a = install("a");
    run(a, "--version");
    Files.writeString(a.resolve("target/keyshell.jsa.jdk"), "/opt/other-jdk/bin/java\n");
    Sandbox.Result r = run(a, "--version");
    assertEquals("", r.err(), r.toString());
    assertEquals(
        System.getProperty("java.home") + "/bin/java\ncds\n",
        Files.readString(a.resolve("target/keyshell.jsa.jdk")));
  }

  @Test
  void java_25_gets_an_aot_cache_of_the_warm_path_and_says_nothing() throws Exception {
    Path java25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(java25), "no Java 25 here");
    Path a = install("a");
    Sandbox box = new Sandbox(Files.createTempDirectory(tmp, "box"));
    box.env.put("KEYSHELL_JAVA", java25.toString());
    Sandbox.Result r = box.run(List.of(a.resolve("bin/keyshell").toString(), "--version"), null);
    assertEquals(0, r.exit(), r.toString());
    assertEquals("", r.err(), r.toString());
    assertTrue(r.out().matches("keyshell \\S+\n"), r.toString());
    assertEquals(java25 + "\naot\n", Files.readString(a.resolve("target/keyshell.jsa.jdk")));
    Sandbox.Result again =
        box.run(List.of(a.resolve("bin/keyshell").toString(), "plugin", "list"), null);
    assertEquals("", again.err(), again.toString());
  }

  /** A copy of bin/keyshell and the built jar; the libraries are linked, not copied. */
  private Path install(String name) throws Exception {
    Path root = Files.createDirectories(tmp.resolve(name));
    Files.createDirectories(root.resolve("bin"));
    Files.createDirectories(root.resolve("target"));
    Files.copy(Sandbox.KEYSHELL, root.resolve("bin/keyshell"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(
        Sandbox.PROJECT.resolve("target/keyshell.jar"),
        root.resolve("target/keyshell.jar"),
        StandardCopyOption.COPY_ATTRIBUTES);
    Files.createSymbolicLink(
        root.resolve("target/lib"), Sandbox.PROJECT.resolve("target/lib").toRealPath());
    return root;
  }

  private Sandbox.Result run(Path install, String... args) throws Exception {
    Sandbox box = new Sandbox(Files.createTempDirectory(tmp, "box"));
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(install.resolve("bin/keyshell").toString());
    cmd.addAll(List.of(args));
    return box.run(cmd, null);
  }
}
