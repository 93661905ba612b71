package dev.keyshell.cli;

import dev.keyshell.core.Display;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.ShellQuote;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.ScopeFile;
import dev.keyshell.scope.ScopeLocator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code keyshell plugin inspect [aws]}: which credential applies here, and from which scope. */
@Command(
    name = "inspect",
    aliases = "status",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Show which credential applies in this directory and terminal, from which scope",
      "(session, then the nearest directory, then global), and whether the shell plugin",
      "is active in this shell. Shows references only, never a secret."
    })
public final class PluginInspectCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", arity = "0..1", defaultValue = "aws", paramLabel = "PLUGIN")
  String plugin;

  public PluginInspectCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (!"aws".equals(plugin)) {
      throw KeyshellException.usage("unknown plugin '" + plugin + "'", "the only plugin is aws");
    }
    var out = ctx.out;
    boolean sourced = "1".equals(ctx.env.vars().get("KEYSHELL_PLUGINS_SOURCED"));
    out.println("Plugin:   aws (executable: aws)");
    out.println(
        "Shell:    "
            + (sourced
                ? "plugins.sh is sourced in this shell (session "
                    + Display.text(ctx.env.get("KEYSHELL_SESSION").orElse("?"))
                    + ")"
                : "plugins.sh is NOT sourced in this shell; run: source "
                    + ShellQuote.quote(ctx.dirs.pluginsSh().toString())));
    ScopeLocator locator = new ScopeLocator(ctx.env, ctx.dirs);
    List<ScopeLocator.Found> found = locator.all("aws");
    boolean won = false;
    String winner = null;
    out.println();
    for (var scope : dev.keyshell.scope.Scope.values()) {
      var f = found.stream().filter(x -> x.scope() == scope).findFirst();
      String label = String.format("%-10s", scope.id());
      if (f.isEmpty()) {
        out.println(label + "-");
        continue;
      }
      String state;
      if (!f.get().trusted()) {
        state = "  [ignored: not trusted; keyshell plugin trust]";
      } else if (!won) {
        state = "  [in use]";
        won = true;
        winner = f.get().scope().id();
      } else {
        state = "  [overridden]";
      }
      out.println(label + Display.controls(f.get().path().toString()) + state);
      for (CredentialRef r : ScopeFile.parse(f.get().bytes(), f.get().path())) {
        out.println(
            "          "
                + (r.isDefault() ? "default" : "profile " + Display.text(r.profile()))
                + ": "
                + r.describe());
      }
    }
    out.println();
    if (won) {
      out.println("In use here: the " + winner + " scope (a profile entry serves its profile).");
      out.println("Change it: keyshell plugin init aws    Remove it: keyshell plugin clear aws");
    } else {
      out.println("No AWS credential applies here. Set one up with: keyshell plugin init aws");
    }
    out.flush();
    return 0;
  }
}
