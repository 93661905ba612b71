package dev.keyshell.core;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;

/**
 * The one way a failure reaches the user, on the picocli path and on {@code plugin run}'s fast
 * path: {@code keyshell: <message>} and {@code hint: <hint>}, I/O failures named by their file,
 * anything else as "unexpected error", and the stack trace only when asked for ({@code --debug} or
 * {@code KEYSHELL_DEBUG}).
 */
public final class ErrorReport {
  public static final String DEBUG_VARIABLE = "KEYSHELL_DEBUG";

  private final String text;
  private final int exitCode;

  private ErrorReport(String text, int exitCode) {
    this.text = text;
    this.exitCode = exitCode;
  }

  /** True when {@code --debug} was given or {@code KEYSHELL_DEBUG} is set. */
  public static boolean debug(Env env, boolean flag) {
    return flag || env.get(DEBUG_VARIABLE).isPresent();
  }

  /** The report of {@code e}, with its stack trace when {@code debug}. */
  public static ErrorReport of(Throwable e, boolean debug) {
    Optional<KeyshellException> io = IoFailures.describe(e);
    if (io.isPresent()) {
      e = io.get();
    }
    StringWriter text = new StringWriter();
    PrintWriter out = new PrintWriter(text);
    int code;
    if (e instanceof KeyshellException ke) {
      out.println("keyshell: " + Display.controls(ke.getMessage()));
      if (ke.hint() != null) {
        out.println("hint: " + Display.controls(ke.hint()));
      }
      code = ke.exitCode();
    } else {
      out.println("keyshell: unexpected error (" + e.getClass().getSimpleName() + ")");
      out.println(
          debug
              ? "hint: the stack trace follows; please report it"
              : "hint: run again with --debug for details, and report it");
      code = ExitCode.FAILURE;
    }
    if (debug) {
      e.printStackTrace(out);
    }
    out.flush();
    return new ErrorReport(text.toString(), code);
  }

  /** Prints the report and returns the exit code it stands for. */
  public int print(PrintStream err) {
    err.print(text);
    err.flush();
    return exitCode;
  }

  /** Prints the report and returns the exit code it stands for. */
  public int print(PrintWriter err) {
    err.print(text);
    err.flush();
    return exitCode;
  }
}
