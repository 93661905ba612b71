package dev.keyshell.provision;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.TtyPrompter;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.setup.wizard.FirstUse;
import dev.keyshell.store.Stores;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/** The cold half of {@code plugin run}: kept apart so the warm path never loads what it needs. */
final class ColdRun {
  private ColdRun() {}

  static int run(
      Env env,
      Dirs dirs,
      String profile,
      Optional<String> profileFlag,
      List<String> argv,
      Optional<ScopeLocator.Found> scope,
      PrintStream err) {
    TtyPrompter prompter = new TtyPrompter(err, env);
    Stores stores = Stores.forEnv(env, dirs, prompter);
    if (scope.isEmpty()) {
      // First use: asks on a terminal and remembers the answer for this session, else fails.
      scope = Optional.of(FirstUse.setUp(env, dirs, stores, prompter, err));
    }
    Minted m = Provisioner.create(env, dirs, stores, prompter, err).provision(profile, scope);
    return ChildRunner.run(argv, ChildEnv.with(env, m.credentials(), m.region(), profileFlag));
  }
}
