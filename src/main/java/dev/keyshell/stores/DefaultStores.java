package dev.keyshell.stores;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.item.StoreKind;
import dev.keyshell.proc.Executables;
import dev.keyshell.proc.ProcessRunner;
import dev.keyshell.store.Store;
import dev.keyshell.store.Stores;
import dev.keyshell.store.connect.ConnectStore;
import dev.keyshell.store.op.OpStore;
import dev.keyshell.tty.Prompter;
import dev.keyshell.vault.LocalVaultStore;

/** Opens the real stores: the one place that knows every kind of store. */
public final class DefaultStores implements Stores {
  private final Env env;
  private final Dirs dirs;
  private final Prompter prompter;

  public DefaultStores(Env env, Dirs dirs, Prompter prompter) {
    this.env = env;
    this.dirs = dirs;
    this.prompter = prompter;
  }

  @Override
  public Store open(StoreKind kind) {
    return switch (kind) {
      case OP -> new OpStore(env, new ProcessRunner());
      case CONNECT -> new ConnectStore(env);
      case LOCAL -> new LocalVaultStore(env, dirs, prompter);
    };
  }

  /**
   * DESIGN.md: op when installed and signed in, connect when OP_CONNECT_HOST is set, else local.
   * "Signed in" includes the desktop app integration before its first prompt (see {@link
   * OpStore#usable()}).
   */
  @Override
  public StoreKind detectDefault() {
    if (opInstalled() && new OpStore(env, new ProcessRunner()).usable()) {
      return StoreKind.OP;
    }
    if (ConnectStore.configured(env)) {
      return StoreKind.CONNECT;
    }
    return StoreKind.LOCAL;
  }

  private boolean opInstalled() {
    return Executables.find("op", env.get("PATH").orElse("")).isPresent();
  }
}
