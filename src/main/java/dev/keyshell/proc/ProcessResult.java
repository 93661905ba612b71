package dev.keyshell.proc;

import java.nio.charset.StandardCharsets;

/**
 * What a finished (or killed) child process left: its exit code, stdout bytes and stderr text;
 * {@code tooMuchOutput} when it printed more than {@link ProcessRunner#MAX_STDOUT} and was killed.
 * stdout may hold secrets (an item's fields), so it is never part of {@link #toString()}.
 */
public record ProcessResult(
    int exitCode, byte[] stdout, String stderr, boolean timedOut, boolean tooMuchOutput) {

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public boolean ok() {
    return !timedOut && !tooMuchOutput && exitCode == 0;
  }

  @Override
  public String toString() {
    return "ProcessResult[exit="
        + exitCode
        + ", timedOut="
        + timedOut
        + ", tooMuchOutput="
        + tooMuchOutput
        + "]";
  }
}
