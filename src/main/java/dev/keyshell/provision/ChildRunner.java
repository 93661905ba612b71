package dev.keyshell.provision;

import dev.keyshell.core.KeyshellException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Runs the wrapped command as a child that shares the terminal, stdin, stdout and stderr, and
 * returns its exit code (128+N when it died of signal N, as a shell reports it).
 *
 * <p>Ctrl-C and Ctrl-\ reach the child from the terminal directly (same process group), so keyshell
 * ignores them while it waits; SIGTERM and SIGHUP sent to keyshell are passed on.
 */
public final class ChildRunner {
  private ChildRunner() {}

  public static int run(List<String> command, Map<String, String> environment) {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().clear();
    pb.environment().putAll(environment);
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot run '" + command.get(0) + "': " + reason(e),
          "check that " + command.get(0) + " is installed and on PATH");
    }
    ignore("INT");
    ignore("QUIT");
    forward("TERM", child);
    forward("HUP", child);
    while (true) {
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        // keep waiting: the child decides when we are done
      }
    }
  }

  private static void ignore(String signal) {
    handle(signal, new Forward(null));
  }

  private static void forward(String signal, Process child) {
    handle(signal, new Forward(child));
  }

  private static void handle(String signal, SignalHandler handler) {
    try {
      Signal.handle(new Signal(signal), handler);
    } catch (IllegalArgumentException e) {
      // not a signal on this platform, or reserved by the JVM
    }
  }

  /**
   * Ends the child on the signal, or (without one) ignores it; a class, not a lambda, for speed.
   */
  private static final class Forward implements SignalHandler {
    private final Process child;

    Forward(Process child) {
      this.child = child;
    }

    @Override
    public void handle(Signal signal) {
      if (child != null) {
        child.destroy();
      }
    }
  }

  private static String reason(IOException e) {
    String m = e.getMessage();
    if (m != null && m.contains("error=2,")) {
      return "not found";
    }
    if (m != null && m.contains("error=13,")) {
      return "permission denied";
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
