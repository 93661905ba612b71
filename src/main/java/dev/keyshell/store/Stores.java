package dev.keyshell.store;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.Prompter;
import dev.keyshell.item.StoreKind;

/** Opens the store a reference or a flag names. */
public interface Stores {

  Store open(StoreKind kind);

  /**
   * The store to use when none is named: op when signed in, connect when configured, else local.
   */
  StoreKind detectDefault();

  /** The production factory; tests build their own over fakes. */
  static Stores forEnv(Env env, Dirs dirs, Prompter prompter) {
    return new DefaultStores(env, dirs, prompter);
  }
}
