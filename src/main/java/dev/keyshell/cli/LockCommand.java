package dev.keyshell.cli;

import dev.keyshell.entry.RunAgent;
import dev.keyshell.provision.Lock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keyshell lock}: forget the vault unlock and every cached STS session. */
@Command(
    name = "lock",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Forget the vault unlock and every cached STS session. With --profile, forget only",
      "the cached sessions that serve that AWS profile here (say, after AWS revoked them),",
      "and keep the vault unlocked."
    })
public final class LockCommand implements Callable<Integer> {
  private final Context ctx;

  public LockCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Option(
      names = "--profile",
      paramLabel = "P",
      description = "Only the sessions of this AWS profile")
  String profile;

  @Override
  public Integer call() throws Exception {
    if (profile != null) {
      Lock.Result r = new Lock(ctx.dirs).lockProfile(ctx.env, profile);
      ctx.err.println(
          "keyshell: forgot the cached sessions of AWS profile '"
              + profile
              + "' ("
              + r.sessionsForgotten()
              + " file"
              + (r.sessionsForgotten() == 1 ? "" : "s")
              + ")");
      return 0;
    }
    Lock.Result r = new Lock(ctx.dirs).lockAll();
    // It holds nothing (the cache it reads is gone with its key), but lock leaves nothing running.
    RunAgent.stop(ctx.dirs);
    ctx.err.println("keyshell: locked (" + r.describe() + ")");
    return 0;
  }
}
