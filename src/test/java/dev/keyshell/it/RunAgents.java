package dev.keyshell.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * The run agent (entry/RunAgent) as a test sees it: its directory, its process, and a java that
 * leaves a mark each time a JVM starts, so a test can tell a call the agent served from one the JVM
 * did.
 */
final class RunAgents {
  private RunAgents() {}

  static Path dir(Sandbox box) {
    return box.runtime.resolve("keyshell/run");
  }

  /**
   * Makes every launcher call start java through a script that first touches {@link #mark}; with
   * the class-data archive off, as its training would otherwise take this java for a new one.
   */
  static void recordJvms(Sandbox box) throws IOException {
    Path java = box.root.resolve("java-recorder");
    Path real = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.writeString(java, "#!/bin/sh\n: >>'" + mark(box) + "'\nexec '" + real + "' \"$@\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwx------"));
    box.env.put("KEYSHELL_JAVA", java.toString());
    box.env.put("KEYSHELL_CDS", "off");
  }

  static Path mark(Sandbox box) {
    return box.root.resolve("jvm-started");
  }

  /** Whether a JVM started since the mark was last cleared; clears it. */
  static boolean jvmStarted(Sandbox box) throws IOException {
    return Files.deleteIfExists(mark(box));
  }

  /** The running agent, once it is ready to answer (started by a warm hit's JVM). */
  static ProcessHandle await(Sandbox box) throws Exception {
    Path agent = dir(box).resolve("agent");
    for (int i = 0; i < 300; i++) {
      if (Files.exists(agent) && Files.exists(dir(box).resolve("q"))) {
        List<String> lines = Files.readAllLines(agent);
        if (lines.size() >= 2) {
          Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(lines.get(1)));
          if (p.isPresent() && p.get().isAlive()) {
            return p.get();
          }
        }
      }
      Thread.sleep(100);
    }
    fail("no run agent started in " + dir(box));
    return null;
  }

  /** Waits for {@code agent} to exit; false if it is still running after 15 seconds. */
  static boolean exited(ProcessHandle agent) throws InterruptedException {
    for (int i = 0; i < 150 && agent.isAlive(); i++) {
      Thread.sleep(100);
    }
    return !agent.isAlive();
  }
}
