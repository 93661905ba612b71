package dev.keyshell.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The few POSIX facts the JDK does not expose directly. */
public final class Posix {
  private static volatile Integer uid;

  private Posix() {}

  /** This process's real user id. */
  public static int uid() {
    Integer cached = uid;
    if (cached == null) {
      try {
        cached = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
        cached = fromIdCommand();
      }
      uid = cached;
    }
    return cached;
  }

  private static int fromIdCommand() {
    try {
      Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Integer.parseInt(out);
    } catch (IOException | NumberFormatException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
