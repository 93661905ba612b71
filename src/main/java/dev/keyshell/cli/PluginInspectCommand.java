package dev.keyshell.cli;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.aws.ProfileChain;
import dev.keyshell.aws.ProfileChainResolver;
import dev.keyshell.core.Display;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.ShellQuote;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.provision.CredentialChoice;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.Scope;
import dev.keyshell.scope.ScopeEntries;
import dev.keyshell.scope.ScopeFile;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.sso.SsoCredentials;
import java.util.List;
import java.util.TreeSet;
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
      "Show the scopes that apply in this directory and terminal (session, then the",
      "nearest directory, then global), which credential serves each AWS profile and",
      "from which scope, or why none does. Shows references only, never a secret."
    })
public final class PluginInspectCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", arity = "0..1", defaultValue = "aws", paramLabel = "PLUGIN")
  String plugin;

  public PluginInspectCommand(Context ctx) {
    this.ctx = ctx;
  }

  /** Which credential serves {@code profile} here, or why none does; never reads an item. */
  private String serving(
      String profile, ProfileChainResolver resolver, ScopeEntries entries, AwsConfigFiles files) {
    try {
      CredentialChoice.Outcome outcome =
          CredentialChoice.choose(profile, resolver, entries, files.credentials().toString());
      ProfileChain chain = outcome.chain();
      String via =
          chain.roles().isEmpty()
              ? ""
              : chain.roles().size()
                  + (chain.roles().size() == 1 ? " role" : " roles")
                  + " from '"
                  + chain.rootProfile()
                  + "', ";
      if (outcome instanceof CredentialChoice.Serve serve) {
        if (serve.sameKeyAs().isPresent()) {
          return via
              + "own keys in "
              + files.credentials()
              + " ("
              + AwsKeys.mask(serve.sameKeyAs().get())
              + "): served by "
              + serve.entry().describe()
              + " only if that item holds the same key";
        }
        return via + serve.entry().describe();
      }
      if (outcome instanceof CredentialChoice.ServeSso) {
        return via
            + "IAM Identity Center: "
            + SsoCredentials.create(ctx.env, ctx.dirs, ctx.err)
                .statusOfProfile(resolver.profileFile(), chain.rootProfile())
                .orElse("not signed in");
      }
      return "left to aws (" + chain.rootSource().setting() + ")";
    } catch (CredentialChoice.NotSetUp e) {
      return "none: nothing is set up here";
    } catch (KeyshellException e) {
      return "none: " + e.getMessage();
    }
  }

  @Override
  public Integer call() {
    Plugins.require(plugin);
    var out = ctx.out;
    boolean sourced = "1".equals(ctx.env.vars().get("KEYSHELL_PLUGINS_SOURCED"));
    out.println(
        "Plugin:   "
            + plugin
            + " (executables: "
            + String.join(", ", Plugins.require(plugin).executableNames())
            + ")");
    out.println(
        "Shell:    "
            + (sourced
                ? "plugins.sh is sourced in this shell (session "
                    + Display.text(ctx.env.get("KEYSHELL_SESSION").orElse("?"))
                    + ")"
                : "plugins.sh is NOT sourced in this shell; run: source "
                    + ShellQuote.quote(ctx.dirs.pluginsSh().toString())));
    ScopeLocator locator = new ScopeLocator(ctx.env, ctx.dirs);
    List<ScopeLocator.Found> found = locator.all(Plugins.AWS.name());
    out.println();
    out.println("Scopes here (entries of every trusted scope merge; the nearest wins a name):");
    for (Scope scope : Scope.values()) {
      var f = found.stream().filter(x -> x.scope() == scope).findFirst();
      String label = String.format("%-10s", scope.id());
      if (f.isEmpty()) {
        out.println(label + "-");
        continue;
      }
      out.println(
          label
              + Display.controls(f.get().path().toString())
              + (f.get().trusted() ? "" : "  [ignored: not trusted; keyshell plugin trust]"));
      for (CredentialRef r : ScopeFile.parse(f.get().bytes(), f.get().path())) {
        out.println(
            "          "
                + (r.isDefault() ? "default" : "profile " + Display.text(r.profile()))
                + ": "
                + r.describe());
      }
    }
    ScopeEntries entries = ScopeEntries.of(found);
    AwsConfigFiles files = AwsConfigFiles.of(ctx.env);
    ProfileChainResolver resolver = ProfileChainResolver.load(files);
    TreeSet<String> profiles = new TreeSet<>(resolver.profileNames());
    profiles.addAll(entries.mappedProfiles());
    profiles.add("default");
    out.println();
    out.println("Profiles (" + files.config() + ", " + files.credentials() + ", the scopes):");
    int width = Math.min(24, profiles.stream().mapToInt(String::length).max().orElse(7));
    for (String profile : profiles) {
      out.println(
          "  "
              + String.format("%-" + width + "s", Display.text(profile))
              + "  "
              + Display.text(serving(profile, resolver, entries, files)));
    }
    out.println();
    if (entries.isEmpty()) {
      out.println("No AWS credential applies here. Set one up with: keyshell plugin init aws");
    } else {
      out.println("Change it: keyshell plugin init aws    Remove it: keyshell plugin clear aws");
    }
    out.flush();
    return 0;
  }
}
