package dev.keyshell.proc;

import java.nio.charset.StandardCharsets;

/**
 * What a finished (or killed) child process left: its exit code, stdout bytes and stderr text.
 * stdout may hold secrets (an item's fields), so it is never part of {@link #toString()}.
 */
public record ProcessResult(int exitCode, byte[] stdout, String stderr, boolean timedOut) {

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public boolean ok() {
    return !timedOut && exitCode == 0;
  }

  @Override
  public String toString() {
    return "ProcessResult[exit=" + exitCode + ", timedOut=" + timedOut + "]";
  }
}
