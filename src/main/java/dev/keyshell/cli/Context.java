package dev.keyshell.cli;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.store.Stores;
import dev.keyshell.stores.DefaultStores;
import dev.keyshell.tty.Prompter;
import dev.keyshell.tty.TtyPrompter;
import java.io.InputStream;
import java.io.PrintStream;

/** What every command is given: the environment, its directories, the streams and the stores. */
public final class Context {
  public final Env env;
  public final Dirs dirs;
  public final InputStream in;
  public final PrintStream out;
  public final PrintStream err;
  private Prompter prompter;
  private Stores stores;

  public Context(Env env, InputStream in, PrintStream out, PrintStream err) {
    this.env = env;
    this.dirs = Dirs.of(env);
    this.in = in;
    this.out = out;
    this.err = err;
  }

  public Prompter prompter() {
    if (prompter == null) {
      prompter = new TtyPrompter(err, env);
    }
    return prompter;
  }

  public Stores stores() {
    if (stores == null) {
      stores = new DefaultStores(env, dirs, prompter());
    }
    return stores;
  }
}
