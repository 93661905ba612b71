package dev.keyshell.provision;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.Prompter;
import dev.keyshell.store.Stores;
import java.io.PrintStream;
import java.util.List;

/** Resolves, mints and caches credentials for a profile. */
public final class Provisioner {
  public static Provisioner create(
      Env env, Dirs dirs, Stores stores, Prompter prompter, PrintStream err) {
    return new Provisioner();
  }

  public Minted provision(String profile) {
    throw new KeyshellException("not built yet", null);
  }

  public int exec(String profile, List<String> command) {
    throw new KeyshellException("not built yet", null);
  }
}
