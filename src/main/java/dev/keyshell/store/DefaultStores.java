package dev.keyshell.store;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.Prompter;
import dev.keyshell.item.StoreKind;

/** Opens the real stores. */
final class DefaultStores implements Stores {
  private final Env env;
  private final Dirs dirs;
  private final Prompter prompter;

  DefaultStores(Env env, Dirs dirs, Prompter prompter) {
    this.env = env;
    this.dirs = dirs;
    this.prompter = prompter;
  }

  @Override
  public Store open(StoreKind kind) {
    throw new KeyshellException("store " + kind.id() + " is not available yet", null);
  }

  @Override
  public StoreKind detectDefault() {
    return StoreKind.LOCAL;
  }
}
