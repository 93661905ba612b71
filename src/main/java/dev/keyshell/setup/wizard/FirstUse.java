package dev.keyshell.setup.wizard;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.provision.CredentialChoice;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.setup.InitService;
import dev.keyshell.store.Stores;
import dev.keyshell.tty.Prompter;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code aws} run where no credential is set up: on a terminal whose shell loaded plugins.sh, ask
 * "Locate your AWS Access Key" and keep the answer for this terminal session, as {@code op} does;
 * anywhere else, fail with the command that sets it up.
 */
public final class FirstUse {
  private FirstUse() {}

  /** The session scope file just written, or the error that says how to set one up. */
  public static ScopeLocator.Found setUp(
      Env env, Dirs dirs, Stores stores, Prompter prompter, PrintStream err) {
    if (!prompter.interactive() || env.get("KEYSHELL_SESSION").isEmpty()) {
      throw notSetUp();
    }
    err.println("keyshell: no AWS credential is set up for this terminal or directory yet.");
    err.flush();
    try {
      var request = new Wizard(env, dirs, stores, prompter, Clock.systemUTC()).forThisSession();
      // stdout belongs to aws: everything init says goes to stderr.
      new InitService(env, dirs, stores, prompter, err, err).setUpCredential(request);
    } catch (IOException e) {
      throw new KeyshellException("cannot record the credential: " + e.getMessage(), null, e);
    }
    Optional<ScopeLocator.Found> found = new ScopeLocator(env, dirs).winner(Plugins.AWS.name());
    return found.orElseThrow(FirstUse::notSetUp);
  }

  static KeyshellException notSetUp() {
    return new CredentialChoice.NotSetUp();
  }
}
