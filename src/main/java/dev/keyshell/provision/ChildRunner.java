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
    // Handlers first: a TERM that arrives just after the start must reach the child too.
    Forward started = new Forward();
    handle("INT", new Forward());
    handle("QUIT", new Forward());
    handle("TERM", started);
    handle("HUP", started);
    Process child;
    try {
      child = pb.start();
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot run '" + command.get(0) + "': " + reason(e),
          "check that " + command.get(0) + " is installed and on PATH");
    }
    started.started(child);
    while (true) {
      try {
        return child.waitFor();
      } catch (InterruptedException e) {
        // keep waiting: the child decides when we are done
      }
    }
  }

  private static void handle(String signal, SignalHandler handler) {
    try {
      Signal.handle(new Signal(signal), handler);
    } catch (IllegalArgumentException e) {
      // not a signal on this platform, or reserved by the JVM
    }
  }

  /**
   * Passes a signal on to the child once it exists; one that never gets a child (INT, QUIT) ignores
   * the signal. A class rather than a lambda: lambdas cost start-up time.
   */
  private static final class Forward implements SignalHandler {
    private Process child;

    synchronized void started(Process process) {
      child = process;
      notifyAll();
    }

    @Override
    public void handle(Signal signal) {
      if (!signal.getName().equals("TERM") && !signal.getName().equals("HUP")) {
        return;
      }
      Process target;
      synchronized (this) {
        while (child == null) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        target = child;
      }
      send(signal.getName(), target);
    }
  }

  /** Sends {@code signal} itself: Process.destroy() can only say TERM. */
  private static void send(String signal, Process child) {
    if (signal.equals("TERM")) {
      child.destroy();
      return;
    }
    try {
      new ProcessBuilder("kill", "-s", signal, Long.toString(child.pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      child.destroy(); // no kill(1): TERM is the next best thing
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
