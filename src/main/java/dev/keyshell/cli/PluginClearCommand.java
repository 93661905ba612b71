package dev.keyshell.cli;

import dev.keyshell.core.Display;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.scope.ScopeWriter;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keyshell plugin clear aws [--all] [--force]}: remove configured defaults. */
@Command(
    name = "clear",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Remove one configured default, in op's order: the session's, else the nearest",
      "directory's, else the global one. --all removes every scope's default here.",
      "The items themselves stay in their store."
    })
public final class PluginClearCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "PLUGIN", description = "aws")
  String plugin;

  @Option(names = "--all", description = "Remove the default of every scope")
  boolean all;

  @Option(names = "--force", description = "Do not ask for confirmation")
  boolean force;

  public PluginClearCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    Plugins.require(plugin);
    // A directory default keyshell neither wrote nor was told to trust (a cloned repository's)
    // is not in use, and not the user's to have cleared: it stays.
    List<ScopeLocator.Found> found =
        new ScopeLocator(ctx.env, ctx.dirs)
            .all(Plugins.AWS.name()).stream().filter(ScopeLocator.Found::trusted).toList();
    if (found.isEmpty()) {
      ctx.err.println("keyshell: no aws default is configured here; nothing to clear");
      return 0;
    }
    List<ScopeLocator.Found> targets = all ? found : found.subList(0, 1);
    if (!force) {
      if (!ctx.prompter().interactive()) {
        throw KeyshellException.usage(
            "clear asks for confirmation, and there is no terminal", "pass --force");
      }
      for (var f : targets) {
        ctx.err.println("  " + f.scope().id() + ": " + Display.controls(f.path().toString()));
      }
      String answer =
          ctx.prompter()
              .ask(
                  "Remove " + (targets.size() == 1 ? "this default" : "these defaults") + "? (y/N)",
                  null);
      if (answer == null || !answer.toLowerCase(java.util.Locale.ROOT).startsWith("y")) {
        ctx.err.println("keyshell: nothing removed");
        return 1;
      }
    }
    ScopeWriter writer = new ScopeWriter(ctx.env, ctx.dirs);
    for (var f : targets) {
      writer.delete(f.path());
      ctx.err.println(
          "keyshell: removed the "
              + f.scope().id()
              + " default ("
              + Display.controls(f.path().toString())
              + ")");
    }
    return 0;
  }
}
