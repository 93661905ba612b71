package dev.keyshell.core;

/**
 * A failure the user can act on: a one-line reason, a hint saying what to do, and an exit code.
 *
 * <p>Messages must never contain a secret; they are printed as they are.
 */
public class KeyshellException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String hint;
  private final int exitCode;

  public KeyshellException(String message, String hint) {
    this(message, hint, ExitCode.FAILURE, null);
  }

  public KeyshellException(String message, String hint, Throwable cause) {
    this(message, hint, ExitCode.FAILURE, cause);
  }

  public KeyshellException(String message, String hint, int exitCode, Throwable cause) {
    super(message, cause);
    this.hint = hint;
    this.exitCode = exitCode;
  }

  public static KeyshellException usage(String message, String hint) {
    return new KeyshellException(message, hint, ExitCode.USAGE, null);
  }

  /** What to do about it, or null. */
  public String hint() {
    return hint;
  }

  public int exitCode() {
    return exitCode;
  }
}
