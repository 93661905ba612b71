package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, the launcher's and the process's parts of findings 8 and 10: Java options of the
 * environment kept from keyshell's JVM but given to the child, no attach, signals passed on, no
 * thread dump on stdout, the CDS training's clean-up, and {@code op} never found through a relative
 * PATH entry.
 */
class ProcessHardeningIT {
  @TempDir Path tmp;

  /** A Java agent that records, in the file named by its argument, each JVM it is loaded into. */
  private Path markerAgent() throws Exception {
    Path src = Files.createDirectories(tmp.resolve("agent-src"));
    Files.writeString(
        src.resolve("Marker.java"),
        "public class Marker {\n"
            + "  public static void premain(String file) throws Exception {\n"
            + "    java.nio.file.Files.writeString(java.nio.file.Path.of(file),\n"
            + "        System.getProperty(\"sun.java.command\") + \"\\n\",\n"
            + "        java.nio.file.StandardOpenOption.CREATE,"
            + " java.nio.file.StandardOpenOption.APPEND);\n"
            + "  }\n"
            + "  public static void main(String[] args) {}\n"
            + "}\n");
    assertEquals(
        0,
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, src.resolve("Marker.java").toString()));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), "Marker");
    Path jar = tmp.resolve("marker.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.putNextEntry(new JarEntry("Marker.class"));
      out.write(Files.readAllBytes(src.resolve("Marker.class")));
      out.closeEntry();
    }
    return jar;
  }

  @Test
  void a_javaagent_in_JAVA_TOOL_OPTIONS_reaches_the_child_but_not_keyshell() throws Exception {
    Path agent = markerAgent();
    Path loaded = tmp.resolve("loaded.txt");
    Sandbox box = new Sandbox(tmp.resolve("box"));
    // An aws that is a Java program, as the child keyshell runs; --version leaves it untouched.
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path aws = bin.resolve("aws");
    Files.writeString(
        aws,
        "#!/bin/sh\n"
            + "echo \"JTO=$JAVA_TOOL_OPTIONS|JO=$_JAVA_OPTIONS|JDK=$JDK_JAVA_OPTIONS\"\n"
            + "env | grep -c '^KEYSHELL_SAVED_'\n"
            + "exec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -cp '"
            + agent
            + "' Marker\n");
    Files.setPosixFilePermissions(aws, PosixFilePermissions.fromString("rwxr-xr-x"));
    String tool = "-javaagent:" + agent + "=" + loaded;
    box.env.put("JAVA_TOOL_OPTIONS", tool);
    box.env.put("_JAVA_OPTIONS", "-Dks.test=1");
    box.env.put("JDK_JAVA_OPTIONS", "-Dks.jdk=1");

    Sandbox.Result r = box.keyshell(null, "plugin", "run", "--", aws.toString(), "--version").ok();

    assertTrue(r.out().startsWith("JTO=" + tool + "|JO=-Dks.test=1|JDK=-Dks.jdk=1\n0\n"), r.out());
    List<String> jvms = Files.readAllLines(loaded);
    assertEquals(List.of("Marker"), jvms, "loaded into the child's JVM only, not keyshell's");
  }

  @Test
  void signals_reach_the_child_and_sigquit_prints_no_thread_dump() throws Exception {
    StsStandIn sts = new StsStandIn();
    Sandbox box = Users.initialised(tmp.resolve("box"), sts, Users.CONFIG);
    Path got = tmp.resolve("got.txt");
    String script =
        "for s in INT USR1 USR2 WINCH; do trap \"echo $s >> '"
            + got
            + "'\" $s; done; echo started >> '"
            + got
            + "'; while :; do sleep 0.1; done";
    List<String> cmd =
        new ArrayList<>(
            List.of(Sandbox.KEYSHELL.toString(), "exec", "--", "/bin/bash", "-c", script));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(box.home.toFile());
    pb.environment().clear();
    pb.environment().putAll(box.env);
    Path out = tmp.resolve("out.txt");
    pb.redirectOutput(out.toFile()).redirectError(tmp.resolve("err.txt").toFile());
    Process keyshell = pb.start();
    try {
      awaitLines(got, 1);
      ProcessHandle child = keyshell.toHandle().children().findFirst().orElseThrow();

      kill("QUIT", keyshell.pid());
      for (String s : List.of("INT", "USR1", "USR2", "WINCH")) {
        kill(s, keyshell.pid());
        Thread.sleep(300);
      }
      awaitLines(got, 5);

      assertEquals(List.of("started", "INT", "USR1", "USR2", "WINCH"), Files.readAllLines(got));
      assertTrue(keyshell.isAlive() && child.isAlive(), "neither died of a signal");
      assertFalse(Files.readString(out).contains("Full thread dump"), Files.readString(out));
      assertEquals("", Files.readString(out));
      // No tool attaches to the JVM that holds the secrets.
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      Process attach =
          new ProcessBuilder(jcmd.toString(), Long.toString(keyshell.pid()), "VM.version")
              .redirectErrorStream(true)
              .start();
      String said = new String(attach.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(attach.waitFor(30, TimeUnit.SECONDS));
      assertFalse(said.contains("JDK "), said);

      kill("TERM", keyshell.pid());
      assertTrue(keyshell.waitFor(30, TimeUnit.SECONDS));
      assertEquals(128 + 15, keyshell.exitValue(), "the child's own end: TERM");
      assertTrue(child.onExit().get(10, TimeUnit.SECONDS) != null && !child.isAlive());
    } finally {
      keyshell.descendants().forEach(ProcessHandle::destroyForcibly);
      keyshell.destroyForcibly();
      box.keyshell(null, "lock");
      sts.close();
    }
  }

  @Test
  void the_cds_training_leaves_nothing_in_the_temporary_directory() throws Exception {
    Path scratch = Files.createDirectories(tmp.resolve("scratch"));
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + scratch,
                "-cp",
                Sandbox.PROJECT.resolve("target/keyshell.jar").toString(),
                "dev.keyshell.training.CdsTraining")
            .redirectErrorStream(true)
            .start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));

    assertEquals(0, p.exitValue());
    try (Stream<Path> left = Files.list(scratch)) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void op_is_never_found_through_a_relative_path_entry() throws Exception {
    Sandbox box = new Sandbox(tmp.resolve("box"));
    Path ran = tmp.resolve("planted-op-ran");
    // A cloned repository with an op of its own, and "." (and a relative dir) on PATH.
    for (Path dir : List.of(box.home, Files.createDirectories(box.home.resolve("tools")))) {
      Path op = dir.resolve("op");
      Files.writeString(op, "#!/bin/sh\necho \"$0\" >> '" + ran + "'\nexit 0\n");
      Files.setPosixFilePermissions(op, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    box.env.put("PATH", ".:tools::" + Sandbox.PATH);

    Sandbox.Result r =
        box.keyshell(
            null, "plugin", "init", "aws", "--store", "op", "--item", "AWS", "--scope", "global",
            "--yes");

    assertNotEquals(0, r.exit(), r.toString());
    assertTrue(r.err().contains("not installed or not on PATH"), r.err());
    assertFalse(Files.exists(ran), "the planted op ran");
  }

  private static void kill(String signal, long pid) throws Exception {
    Process k = new ProcessBuilder("kill", "-s", signal, Long.toString(pid)).start();
    assertTrue(k.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, k.exitValue());
  }

  private static void awaitLines(Path file, int n) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.exists(file) && Files.readAllLines(file).size() >= n) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("only " + (Files.exists(file) ? Files.readAllLines(file) : "nothing"));
  }
}
