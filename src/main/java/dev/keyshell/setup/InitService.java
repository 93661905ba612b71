package dev.keyshell.setup;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.Prompter;
import dev.keyshell.store.Stores;
import java.io.PrintStream;

/** Carries out {@code plugin init aws}. */
public final class InitService {
  public InitService(Env env, Dirs dirs, Stores stores, Prompter prompter, PrintStream err) {}

  public int run(InitRequest req) {
    throw new KeyshellException("init is not built yet", null);
  }
}
