package dev.keyshell.proc;

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
 * <p>SIGTERM, SIGHUP, SIGUSR1 and SIGUSR2 sent to keyshell are passed on to the child; so are
 * SIGINT and SIGWINCH, except when keyshell is in the terminal's foreground process group, where
 * the terminal has sent them to the child already (Ctrl-C once, not twice). SIGQUIT belongs to the
 * JVM: bin/keyshell turns its thread dump off, and Ctrl-\ reaches the child from the terminal.
 *
 * <p>The Java options bin/keyshell kept from keyshell's own JVM ({@code JAVA_TOOL_OPTIONS}, {@code
 * _JAVA_OPTIONS}, {@code JDK_JAVA_OPTIONS}, saved as {@code KEYSHELL_SAVED_<name>}) are given back
 * to the child under their own names.
 */
public final class ChildRunner {
  private ChildRunner() {}

  private static final String[] FORWARDED = {"TERM", "HUP", "INT", "USR1", "USR2", "WINCH"};

  /** Variables bin/keyshell moves aside so keyshell's own JVM does not read them. */
  private static final String[] JAVA_OPTIONS = {
    "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS"
  };

  static final String SAVED = "KEYSHELL_SAVED_";

  public static int run(List<String> command, Map<String, String> environment) {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().clear();
    pb.environment().putAll(environment);
    restoreJavaOptions(pb.environment());
    // Handlers first: a TERM that arrives just after the start must reach the child too.
    Forward started = new Forward();
    for (String signal : FORWARDED) {
      handle(signal, started);
    }
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
   * What bin/keyshell does before it starts java: the user's Java options moved aside as {@code
   * KEYSHELL_SAVED_<name>}. For the run agent (entry/RunAgent), which decides for a launcher that
   * has not done it yet.
   */
  public static void saveJavaOptions(Map<String, String> env) {
    for (String name : JAVA_OPTIONS) {
      String value = env.remove(name);
      if (value != null) {
        env.put(SAVED + name, value);
      }
    }
  }

  /** Puts back what bin/keyshell saved: the child sees the user's Java options as they were. */
  public static void restoreJavaOptions(Map<String, String> env) {
    for (String name : JAVA_OPTIONS) {
      String saved = env.remove(SAVED + name);
      if (saved != null) {
        env.put(name, saved);
      }
    }
  }

  /**
   * Passes a signal on to the child once it exists. A class rather than a lambda: lambdas cost
   * start-up time.
   */
  private static final class Forward implements SignalHandler {
    private Process child;

    synchronized void started(Process process) {
      child = process;
      notifyAll();
    }

    @Override
    public void handle(Signal signal) {
      String name = signal.getName();
      if ((name.equals("INT") || name.equals("WINCH")) && inForeground()) {
        return; // the terminal sent it to the whole foreground group, the child included
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

  /**
   * Whether this process is in its terminal's foreground process group: fields 5 (pgrp) and 8
   * (tpgid) of /proc/self/stat. False where that cannot be read.
   */
  static boolean inForeground() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
      // The command name (field 2) is in parentheses and may hold spaces: count from after it.
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return f.length > 5 && f[2].equals(f[5]);
    } catch (IOException | RuntimeException e) {
      return false;
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
