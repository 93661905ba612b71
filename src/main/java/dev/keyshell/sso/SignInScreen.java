package dev.keyshell.sso;

import dev.keyshell.core.Env;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

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
      try (PrintStream tty =
          new PrintStream(new FileOutputStream("/dev/tty"), true, StandardCharsets.UTF_8)) {
        for (String line : lines) {
          tty.println(line);
        }
        return;
      } catch (IOException | SecurityException e) {
        // no terminal: stderr below
      }
    }
    for (String line : lines) {
      err.println(line);
    }
    err.flush();
  }
}
