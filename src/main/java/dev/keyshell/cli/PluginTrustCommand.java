package dev.keyshell.cli;

import dev.keyshell.core.Display;
import dev.keyshell.scope.ScopeWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keyshell plugin trust [DIR]}: use a directory default that keyshell did not write. */
@Command(
    name = "trust",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Trust DIR/.keyshell/plugins/aws.json as it is now (e.g. one that came with a cloned",
      "repository). Until then keyshell ignores it; if it changes, it must be trusted again."
    })
public final class PluginTrustCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "default: the current directory")
  Path dir;

  public PluginTrustCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    Path target = dir == null ? ctx.env.cwd() : ctx.env.cwd().resolve(dir);
    Path file = new ScopeWriter(ctx.env, ctx.dirs).trustDirectory(target);
    ctx.err.println("keyshell: trusted " + Display.controls(file.toString()));
    return 0;
  }
}
