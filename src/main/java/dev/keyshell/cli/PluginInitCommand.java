package dev.keyshell.cli;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.StoreKind;
import dev.keyshell.mfa.MfaSerials;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.scope.Scope;
import dev.keyshell.setup.AwsVaultKeys;
import dev.keyshell.setup.InitRequest;
import dev.keyshell.setup.InitService;
import dev.keyshell.setup.ItemEditor;
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
      completionCandidates = Candidates.Stores.class,
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

  @Option(
      names = "--import-aws-vault",
      paramLabel = "PROFILE",
      description =
          "Import this profile's key from aws-vault's file backend (~/.awsvault/keys,"
              + " AWS_VAULT_FILE_DIR; passphrase from AWS_VAULT_FILE_PASSPHRASE or a prompt)")
  String importAwsVault;

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
      names = "--remove-otp",
      description = "With --item: remove the item's One-Time Password (TOTP secret)")
  boolean removeOtp;

  @Option(
      names = "--yubikey-account",
      paramLabel = "NAME",
      description =
          "Take MFA codes from this YubiKey OATH account (ykman); with --item, empty removes it")
  String yubikeyAccount;

  @Option(
      names = "--scope",
      paramLabel = "session|directory|global",
      completionCandidates = Candidates.Scopes.class,
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
      names = "--keep-plaintext",
      description =
          "Keep the imported keys in ~/.aws/credentials (--yes removes them, as the wizard's"
              + " default does)")
  boolean keepPlaintext;

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
    Plugins.require(plugin);
    // A forged KEYSHELL_SESSION is refused before anything is imported (see Dirs.checkSession).
    ctx.env.get("KEYSHELL_SESSION").ifPresent(Dirs::checkSession);
    if (importProfile != null && importEnv) {
      throw KeyshellException.usage(
          "--import-profile and --import-env exclude each other", "choose one source of keys");
    }
    if (importAwsVault != null && (importProfile != null || importEnv || item != null)) {
      throw KeyshellException.usage(
          "--import-aws-vault excludes --import-profile, --import-env and --item",
          "choose one source of keys");
    }
    if (item != null && (importProfile != null || importEnv)) {
      throw KeyshellException.usage(
          "--item selects an existing item; it cannot be combined with an import",
          "drop --item to import, or drop --import-* to use the item");
    }
    if (removePlaintext && keepPlaintext) {
      throw KeyshellException.usage(
          "--remove-plaintext and --keep-plaintext exclude each other", "choose one");
    }
    if (mfaSerial != null && !MfaSerials.valid(mfaSerial)) {
      throw KeyshellException.usage(
          "--mfa-serial '" + mfaSerial + "' is not an MFA device",
          "expected " + MfaSerials.EXAMPLE);
    }
    // --yes takes the wizard's default: an imported profile's plaintext keys go once the item
    // reads back (keyshell refuses a profile that still has its own keys anyway).
    boolean remove = removePlaintext || yes && importProfile != null && !keepPlaintext;
    String otpSecret = null;
    if (otpStdin) {
      otpSecret = new String(ctx.in.readAllBytes(), StandardCharsets.UTF_8).trim();
      if (otpSecret.isEmpty()) {
        throw KeyshellException.usage(
            "--otp-stdin read nothing from stdin",
            "pipe the otpauth:// URI or base32 secret in, e.g. from a file");
      }
    }
    if (item != null && (mfaSerial != null || otpStdin || removeOtp || yubikeyAccount != null)) {
      // An item already stored: change its MFA fields, nothing else (no scope, no plugins.sh).
      return new ItemEditor(ctx.stores(), ctx.prompter(), ctx.err)
          .run(
              new ItemEditor.Request(
                  store == null ? null : parseStore(store),
                  item,
                  vault,
                  mfaSerial,
                  otpSecret,
                  removeOtp,
                  yubikeyAccount,
                  yes));
    }
    if (removeOtp) {
      throw KeyshellException.usage(
          "--remove-otp changes an existing item", "name it with --item REF");
    }
    if (yubikeyAccount != null && (yubikeyAccount.isBlank() || otpStdin)) {
      throw KeyshellException.usage(
          yubikeyAccount.isBlank()
              ? "--yubikey-account needs the OATH account's name for an import"
              : "--yubikey-account and --otp-stdin are two sources of MFA codes; choose one",
          "the name as ykman oath accounts list shows it");
    }
    Env env = ctx.env;
    // Decrypted here, before the wizard; InitService imports it as the wizard's aws-vault choice.
    AwsVaultKeys.Imported awsVault =
        importAwsVault == null ? null : AwsVaultImport.read(env, ctx.prompter(), importAwsVault);
    InitRequest req =
        new InitRequest(
            store == null ? null : parseStore(store),
            importProfile,
            importEnv,
            awsVault,
            item,
            title,
            vault,
            mfaSerial,
            otpSecret,
            yubikeyAccount,
            scope == null ? null : parseScope(scope),
            remove,
            addToRc,
            yes);
    req =
        new Wizard(env, ctx.dirs, ctx.stores(), ctx.prompter(), Clock.systemUTC())
            .complete(req, keepPlaintext);
    return new InitService(env, ctx.dirs, ctx.stores(), ctx.prompter(), ctx.out, ctx.err).run(req);
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
