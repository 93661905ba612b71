package dev.keyshell.cli;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.export.CredentialFormat;
import dev.keyshell.provision.Provisioner;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.scope.UntrustedWarning;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keyshell export}: print minted credentials, as env lines or credential_process JSON. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print minted STS credentials: shell lines, or credential_process JSON.",
      "  credential_process = keyshell export --profile P --format json"
    })
public final class ExportCommand implements Callable<Integer> {
  private final Context ctx;

  @Option(
      names = "--profile",
      paramLabel = "P",
      description = "AWS profile (default: $AWS_PROFILE, else default)")
  String profile;

  @Option(
      names = "--format",
      paramLabel = "env|json",
      completionCandidates = Candidates.Formats.class,
      defaultValue = "env",
      description = "env: export lines for a POSIX shell (default); json: credential_process")
  String format;

  public ExportCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    if (!format.equals("env") && !format.equals("json")) {
      throw KeyshellException.usage("unknown format '" + format + "'", "use --format env or json");
    }
    UntrustedWarning.print(new ScopeLocator(ctx.env, ctx.dirs).all("aws"), ctx.err);
    var minted =
        Provisioner.create(ctx.env, ctx.dirs, ctx.stores(), ctx.prompter(), ctx.err)
            .provision(profile);
    ctx.out.print(
        format.equals("json") ? CredentialFormat.json(minted) : CredentialFormat.env(minted));
    ctx.out.flush();
    return 0;
  }
}
