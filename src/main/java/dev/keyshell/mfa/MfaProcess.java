package dev.keyshell.mfa;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.proc.ProcessResult;
import dev.keyshell.proc.ProcessRunner;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The profile's {@code mfa_process} (as aws-vault and botocore read it): a shell command whose
 * stdout is the current code. It runs with the user's environment minus keyshell's secrets, no
 * stdin, and a time bound.
 */
public record MfaProcess(
    String command, Map<String, String> environment, ProcessRunner runner, Duration timeout)
    implements MfaSource {

  private static final String HINT = "run the profile's mfa_process yourself to see what it prints";

  public MfaProcess {
    environment = Map.copyOf(environment);
  }

  @Override
  public String code(String serial, long step) {
    ProcessResult result;
    try {
      result = runner.run(List.of("/bin/sh", "-c", command), environment, null, timeout);
    } catch (IOException e) {
      throw new KeyshellException("cannot run the profile's mfa_process: " + e.getMessage(), HINT);
    }
    if (result.timedOut()) {
      throw new KeyshellException(
          "the profile's mfa_process printed no code within " + timeout.toSeconds() + "s", HINT);
    }
    if (result.exitCode() != 0) {
      String why = Codes.firstLine(result.stderr());
      throw new KeyshellException(
          "the profile's mfa_process failed (exit "
              + result.exitCode()
              + ")"
              + (why.isEmpty() ? "" : ": " + why),
          HINT);
    }
    return Codes.fromOutput(result.stdoutText(), "the profile's mfa_process", HINT);
  }

  @Override
  public String describe() {
    return "the profile's mfa_process";
  }

  /** The command is the user's and may embed a secret: not shown. */
  @Override
  public String toString() {
    return "MfaProcess[" + timeout + "]";
  }
}
