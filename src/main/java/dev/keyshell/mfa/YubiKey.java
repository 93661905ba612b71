package dev.keyshell.mfa;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.proc.Executables;
import dev.keyshell.proc.ProcessResult;
import dev.keyshell.proc.ProcessRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A YubiKey's OATH account, read with {@code ykman oath accounts code --single ACCOUNT} (as
 * aws-vault's {@code --prompt ykman} does). The account is named on the item ({@code YubiKey
 * Account}), so the choice is per item.
 */
public record YubiKey(
    String account,
    Map<String, String> environment,
    ProcessRunner runner,
    Duration timeout,
    PrintStream err)
    implements MfaSource {

  public YubiKey {
    environment = Map.copyOf(environment);
  }

  @Override
  public String code(String serial, long step) {
    Path ykman =
        Executables.find("ykman", environment.get("PATH"))
            .orElseThrow(
                () ->
                    new KeyshellException(
                        "the item's MFA codes come from a YubiKey, and ykman is not on PATH",
                        "install yubikey-manager (ykman), or remove the item's"
                            + " 'YubiKey Account' field"));
    err.println("keyshell: reading the MFA code from your YubiKey (touch it if it flashes)");
    err.flush();
    ProcessResult result;
    try {
      result =
          runner.run(
              List.of(ykman.toString(), "oath", "accounts", "code", "--single", account),
              environment,
              null,
              timeout);
    } catch (IOException e) {
      throw new KeyshellException("cannot run ykman: " + e.getMessage(), null);
    }
    String hint = "check with: ykman oath accounts code --single '" + account + "'";
    if (result.timedOut()) {
      throw new KeyshellException(
          "ykman gave no code within " + timeout.toSeconds() + "s (was the YubiKey touched?)",
          hint);
    }
    if (result.exitCode() != 0) {
      String why = Codes.firstLine(result.stderr());
      throw new KeyshellException(
          "ykman could not read account '"
              + account
              + "' (exit "
              + result.exitCode()
              + ")"
              + (why.isEmpty() ? "" : ": " + why),
          hint);
    }
    return Codes.fromOutput(result.stdoutText(), "ykman", hint);
  }

  @Override
  public String describe() {
    return "the YubiKey account '" + account + "'";
  }

  @Override
  public String toString() {
    return "YubiKey[" + account + "]";
  }
}
