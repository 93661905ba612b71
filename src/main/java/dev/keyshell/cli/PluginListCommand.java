package dev.keyshell.cli;

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
    ctx.out.printf("%-8s %-10s %-12s %s%n", "PLUGIN", "PLATFORM", "EXECUTABLES", "CREDENTIAL");
    for (Plugin p : Plugins.all()) {
      ctx.out.printf(
          "%-8s %-10s %-12s %s%n",
          p.name(), p.platform(), String.join(",", p.executables()), p.credential().name());
      for (Plugin.FieldSpec f : p.credential().fields()) {
        ctx.out.printf(
            "%33s- %s%s%s%n",
            "", f.label(), f.secret() ? " (secret)" : "", f.optional() ? " (optional)" : "");
      }
    }
    ctx.out.flush();
    return 0;
  }
}
