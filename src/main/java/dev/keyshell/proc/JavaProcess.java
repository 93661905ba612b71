package dev.keyshell.proc;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of a command line for one of keyshell's background processes (the vault agent, the run
 * agent): in a session of its own, so Ctrl-C in the terminal (sent to the whole foreground job)
 * never reaches it, on this JVM's java and class path.
 */
public final class JavaProcess {
  private JavaProcess() {}

  /**
   * {@code [setsid] java <flags> -cp <this class path>}, for a small background process that must
   * outlive this one: a small heap, C1 alone, and no attach mechanism or VM output.
   */
  public static List<String> detached() {
    List<String> command = new ArrayList<>();
    for (String setsid : new String[] {"/usr/bin/setsid", "/bin/setsid"}) {
      if (Files.isExecutable(Path.of(setsid))) {
        command.add(setsid);
        break;
      }
    }
    command.add(javaExecutable());
    command.addAll(
        List.of(
            "-Xmx32m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "-Xss512k",
            "-XX:+DisableAttachMechanism",
            "-XX:+UnlockDiagnosticVMOptions",
            "-XX:-DisplayVMOutput",
            "-cp",
            classPath()));
    return command;
  }

  /** This JVM's class path made absolute, as a background process runs from another directory. */
  public static String classPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(entry.isEmpty() ? entry : Path.of(entry).toAbsolutePath().toString());
    }
    return String.join(File.pathSeparator, entries);
  }

  private static String javaExecutable() {
    java.util.Optional<String> running = ProcessHandle.current().info().command();
    return running.isPresent()
        ? running.get()
        : Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
