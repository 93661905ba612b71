package dev.keyshell.sso;

import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.tty.Terminal;
import java.io.IOException;
import java.io.PrintStream;

/**
 * Where the verification URL and user code are shown: the controlling terminal ({@code /dev/tty}),
 * so they reach the person while the AWS CLI holds a credential_process's stderr back; stderr
 * without a terminal.
 */
final class SignInScreen {
  private SignInScreen() {}

  /** Prints {@code lines} and returns; never fails. */
  static void show(Env env, PrintStream err, String... lines) {
    if (!"1".equals(env.vars().get("KEYSHELL_NO_TTY"))) {
      try (Terminal tty = Terminal.open(Terminal.DEVICE, true, err)) {
        tty.print(String.join("\n", lines) + "\n");
        return;
      } catch (IOException | SecurityException | KeyshellException e) {
        // no terminal: stderr below
      }
    }
    for (String line : lines) {
      err.println(line);
    }
    err.flush();
  }
}
