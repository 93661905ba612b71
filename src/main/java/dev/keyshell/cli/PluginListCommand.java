package dev.keyshell.cli;

import dev.keyshell.plugin.Executable;
import dev.keyshell.plugin.Plugin;
import dev.keyshell.plugin.Plugins;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code keyshell plugin list}: plugins, their executables and credential fields. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the plugins, the executables they wrap and their credential fields.")
public final class PluginListCommand implements Callable<Integer> {
  private final Context ctx;

  public PluginListCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    for (Plugin p : Plugins.all()) {
      ctx.out.println(p.name() + " (" + p.platform() + "): " + p.credential().name());
      ctx.out.println("  executables:");
      for (Executable e : p.executables()) {
        ctx.out.println(
            "    "
                + e.name()
                + (e.profileFlag() == null ? "" : "  (takes " + e.profileFlag() + ")"));
      }
      ctx.out.println("  fields:");
      for (Plugin.FieldSpec f : p.credential().fields()) {
        ctx.out.println(
            "    "
                + f.label()
                + (f.secret() ? " (secret)" : "")
                + (f.optional() ? " (optional)" : ""));
      }
      ctx.out.println("  imports from: " + String.join(", ", p.importers()));
      ctx.out.println("  sets: " + String.join(" ", p.environment()));
    }
    ctx.out.flush();
    return 0;
  }
}
