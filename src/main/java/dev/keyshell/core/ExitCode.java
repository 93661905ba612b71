package dev.keyshell.core;

/** The one table of keyshell's own exit codes; a wrapped child's code is passed through as is. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private ExitCode() {}
}
