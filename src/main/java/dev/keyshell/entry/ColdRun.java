package dev.keyshell.entry;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.proc.ChildEnv;
import dev.keyshell.proc.ChildRunner;
import dev.keyshell.provision.CredentialChoice;
import dev.keyshell.provision.Minted;
import dev.keyshell.provision.Provisioner;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.setup.wizard.FirstUse;
import dev.keyshell.store.Stores;
import dev.keyshell.stores.DefaultStores;
import dev.keyshell.tty.TtyPrompter;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** The cold half of {@code plugin run}: kept apart so the warm path never loads what it needs. */
final class ColdRun {
  private ColdRun() {}

  /**
   * Decides who serves {@code profile} and runs aws: as typed ({@code command}) when aws serves the
   * profile itself, else {@code argv} with minted credentials.
   */
  static int run(
      Env env,
      Dirs dirs,
      String profile,
      Optional<String> profileFlag,
      List<String> command,
      List<String> argv,
      List<ScopeLocator.Found> found,
      PrintStream err) {
    TtyPrompter prompter = new TtyPrompter(err, env);
    Stores stores = new DefaultStores(env, dirs, prompter);
    Provisioner provisioner = Provisioner.create(env, dirs, stores, prompter, err);
    CredentialChoice.Outcome outcome;
    try {
      outcome = provisioner.plan(profile, found);
    } catch (CredentialChoice.NotSetUp e) {
      // First use: asks on a terminal and remembers the answer for this session, else fails.
      FirstUse.setUp(env, dirs, stores, prompter, err);
      found = new ScopeLocator(env, dirs).all(Plugins.AWS.name());
      outcome = provisioner.plan(profile, found);
    }
    if (outcome instanceof CredentialChoice.Served served) {
      Minted m = provisioner.provision(profile, found, served);
      return ChildRunner.run(argv, ChildEnv.with(env, m.credentials(), m.region(), profileFlag));
    }
    // A chain aws serves itself (IAM Identity Center, another credential_process, ...).
    return ChildRunner.run(command, ChildEnv.untouched(env.vars()));
  }
}
