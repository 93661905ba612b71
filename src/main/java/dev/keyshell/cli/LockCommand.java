package dev.keyshell.cli;

import dev.keyshell.provision.Lock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code keyshell lock}: forget the vault unlock and every cached STS session. */
@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Forget the vault unlock and every cached STS session.")
public final class LockCommand implements Callable<Integer> {
  private final Context ctx;

  public LockCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws Exception {
    Lock.Result r = new Lock(ctx.dirs).lockAll();
    ctx.err.println("keyshell: locked (" + r.describe() + ")");
    return 0;
  }
}
