package dev.keyshell.cli;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.StoreKind;
import dev.keyshell.scope.Scope;
import dev.keyshell.setup.InitRequest;
import dev.keyshell.setup.InitService;
import dev.keyshell.setup.wizard.TtyQuestions;
import dev.keyshell.setup.wizard.Wizard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code keyshell plugin init aws}: the set-up wizard, every question also a flag. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Set up the aws plugin: store the AWS key (and MFA device) in 1Password or the",
      "local vault, choose where it applies, and write plugins.sh.",
      "Asks on a terminal; every question also has a flag. Secrets are never flags."
    })
public final class PluginInitCommand implements Callable<Integer> {
  private final Context ctx;

  @Parameters(index = "0", paramLabel = "PLUGIN", description = "The plugin to set up: aws")
  String plugin;

  @Option(
      names = "--store",
      paramLabel = "op|connect|local",
      description =
          "Where the credential item lives (default: op when signed in, connect when"
              + " OP_CONNECT_HOST is set, else local)")
  String store;

  @Option(
      names = "--import-profile",
      paramLabel = "NAME",
      description = "Import this section of ~/.aws/credentials")
  String importProfile;

  @Option(names = "--import-env", description = "Import AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY")
  boolean importEnv;

  @Option(names = "--item", paramLabel = "REF", description = "Use an existing item (title or id)")
  String item;

  @Option(names = "--title", paramLabel = "T", description = "Title of the imported item")
  String title;

  @Option(names = "--vault", paramLabel = "V", description = "Vault of the item")
  String vault;

  @Option(
      names = "--mfa-serial",
      paramLabel = "ARN",
      description = "MFA device ARN to store on the item")
  String mfaSerial;

  @Option(
      names = "--otp-stdin",
      description = "Read the TOTP secret (otpauth:// URI or base32) from stdin")
  boolean otpStdin;

  @Option(
      names = "--scope",
      paramLabel = "session|directory|global",
      description =
          "Where the credential applies (default: session when plugins.sh is loaded in"
              + " this shell, else global)")
  String scope;

  @Option(
      names = "--remove-plaintext",
      description =
          "After the item reads back correctly, delete the imported keys from"
              + " ~/.aws/credentials (the rest of the file unchanged)")
  boolean removePlaintext;

  @Option(
      names = "--add-to-rc",
      description = "Append the line that loads plugins.sh to the rc file of $SHELL (once)")
  boolean addToRc;

  @Option(names = "--yes", description = "Accept defaults, ask nothing")
  boolean yes;

  public PluginInitCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    if (!"aws".equals(plugin)) {
      throw KeyshellException.usage(
          "unknown plugin '" + plugin + "'", "the only plugin is aws: keyshell plugin init aws");
    }
    // A forged KEYSHELL_SESSION is refused before anything is imported (see Dirs.checkSession).
    ctx.env.get("KEYSHELL_SESSION").ifPresent(Dirs::checkSession);
    if (importProfile != null && importEnv) {
      throw KeyshellException.usage(
          "--import-profile and --import-env exclude each other", "choose one source of keys");
    }
    if (item != null && (importProfile != null || importEnv)) {
      throw KeyshellException.usage(
          "--item selects an existing item; it cannot be combined with an import",
          "drop --item to import, or drop --import-* to use the item");
    }
    String otpSecret = null;
    if (otpStdin) {
      otpSecret = new String(ctx.in.readAllBytes(), StandardCharsets.UTF_8).trim();
      if (otpSecret.isEmpty()) {
        throw KeyshellException.usage(
            "--otp-stdin read nothing from stdin",
            "pipe the otpauth:// URI or base32 secret in, e.g. from a file");
      }
    }
    InitRequest req =
        new InitRequest(
            store == null ? null : parseStore(store),
            importProfile,
            importEnv,
            item,
            title,
            vault,
            mfaSerial,
            otpSecret,
            scope == null ? null : parseScope(scope),
            removePlaintext,
            addToRc,
            yes);
    try (TtyQuestions questions =
        new TtyQuestions(ctx.env, ctx.prompter().interactive(), ctx.err)) {
      req = new Wizard(ctx.env, ctx.dirs, ctx.stores(), questions, Clock.systemUTC()).complete(req);
    }
    return new InitService(ctx.env, ctx.dirs, ctx.stores(), ctx.prompter(), ctx.out, ctx.err)
        .run(req);
  }

  private static StoreKind parseStore(String s) {
    try {
      return StoreKind.parse(s);
    } catch (IllegalArgumentException e) {
      throw KeyshellException.usage(e.getMessage(), "use --store op, connect or local");
    }
  }

  private static Scope parseScope(String s) {
    try {
      return Scope.parse(s);
    } catch (IllegalArgumentException e) {
      throw KeyshellException.usage(e.getMessage(), "use --scope session, directory or global");
    }
  }
}
