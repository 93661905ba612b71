package dev.keyshell.setup;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Display;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.AwsItemFields;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Field;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.otp.TotpSecret;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.Scope;
import dev.keyshell.scope.ScopeWriter;
import dev.keyshell.shell.RcFile;
import dev.keyshell.shell.ShellScripts;
import dev.keyshell.store.Store;
import dev.keyshell.store.Stores;
import dev.keyshell.tty.Prompter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Carries out {@code plugin init aws}: stores (or selects) the credential item, checks it reads
 * back, records it in the chosen scope, removes the plaintext keys when asked, and writes the shell
 * integration.
 */
public final class InitService {
  private final Env env;
  private final Dirs dirs;
  private final Stores stores;
  private final Prompter prompter;
  private final PrintStream err;
  private final PrintStream out;

  public InitService(
      Env env, Dirs dirs, Stores stores, Prompter prompter, PrintStream out, PrintStream err) {
    this.env = env;
    this.dirs = dirs;
    this.stores = stores;
    this.prompter = prompter;
    this.out = out;
    this.err = err;
  }

  /** Sets up the credential, then the shell integration; returns the exit code. */
  public int run(InitRequest req) throws IOException {
    setUpCredential(req);
    writeShellIntegration(req);
    return 0;
  }

  /**
   * Stores (or selects) the item, checks it reads back, records it in the scope and removes the
   * plaintext keys when asked: all of {@link #run} but the shell files (first use needs no more).
   */
  public void setUpCredential(InitRequest req) throws IOException {
    // One init at a time: two at once would both find no item and store the key twice.
    try (SecureFiles.Lock lock = SecureFiles.lock(dirs.runtime().resolve("locks/init.lock"))) {
      setUpCredentialLocked(req);
    }
  }

  private void setUpCredentialLocked(InitRequest req) throws IOException {
    if (req.importProfile() == null
        && !req.importEnv()
        && req.awsVault() == null
        && req.item() == null) {
      throw KeyshellException.usage(
          "no terminal to ask on, and no flag names the AWS key to use",
          "run it in a terminal for the wizard, or pass --import-profile NAME, --import-env or"
              + " --item REF (see --help)");
    }
    if (req.item() != null
        && (req.mfaSerial() != null || req.otpSecret() != null || req.yubikeyAccount() != null)) {
      throw KeyshellException.usage(
          "--mfa-serial and --otp-stdin describe an imported item, not an existing one",
          "add the MFA fields to the existing item itself, or import instead of --item");
    }
    // Everything that can be refused is checked before anything is written.
    Scope scope = req.scope() != null ? req.scope() : defaultScope();
    ScopeWriter scopes = new ScopeWriter(env, dirs);
    scopes.fileFor(scope);
    if (req.removePlaintext() && req.importProfile() == null) {
      throw KeyshellException.usage(
          "--remove-plaintext only applies to --import-profile",
          "unset the environment variables yourself once the item works");
    }
    if (req.otpSecret() != null) {
      TotpSecret.parse(req.otpSecret());
    }
    StoreKind kind = req.store() != null ? req.store() : stores.detectDefault();
    Store store = stores.open(kind);

    Item item;
    ItemRef ref;
    Optional<CredentialsFile> plaintextSource = Optional.empty();
    if (req.item() != null) {
      ref = store.resolve(req.item(), req.vault());
      item = store.read(ref);
      AwsKeys keys = AwsKeys.from(item);
      say(
          "Using item '"
              + item.title()
              + "' ("
              + AwsKeys.mask(keys.accessKeyId())
              + ") from "
              + storeName(kind)
              + ".");
    } else {
      ImportedKeys imported;
      String title;
      if (req.awsVault() != null) {
        imported = req.awsVault().keys();
        title = req.title() != null ? req.title() : "AWS " + req.awsVault().profile();
      } else if (req.importEnv()) {
        imported = ImportedKeys.fromEnv(env);
        title = req.title() != null ? req.title() : "AWS Access Key";
      } else {
        CredentialsFile file = CredentialsFile.load(CredentialsFile.location(env));
        imported = file.keys(req.importProfile());
        plaintextSource = Optional.of(file);
        title = req.title() != null ? req.title() : "AWS " + req.importProfile();
      }
      List<Field> fields =
          AwsItemFields.of(
              imported.accessKeyId(),
              imported.secretAccessKey(),
              imported.region().orElse(null),
              req.otpSecret(),
              req.mfaSerial(),
              blankToNull(req.yubikeyAccount()));
      Optional<Item> existing = sameTitle(store, title, req.vault());
      if (existing.isPresent() && matches(existing.get(), imported, req)) {
        item = existing.get();
        ref = store.resolve(item.id(), req.vault());
        say("'" + title + "' already holds this key; using it rather than storing it twice.");
      } else if (existing.isPresent()) {
        throw new KeyshellException(
            "an item titled '" + title + "' already exists and holds other values",
            "choose another --title, or use that item with --item '" + title + "'");
      } else {
        ref = store.create(title, req.vault(), fields);
        item = store.read(ref);
        if (!matches(item, imported, req)) {
          throw new KeyshellException(
              "the stored item '" + item.title() + "' does not read back what was imported",
              "nothing was removed from your credentials file; check the item and run init again");
        }
        say(
            "Saved '"
                + item.title()
                + "' ("
                + AwsKeys.mask(imported.accessKeyId())
                + ") in "
                + storeName(kind)
                + (item.vaultName() == null || kind == StoreKind.LOCAL
                    ? ""
                    : ", vault '" + item.vaultName() + "'")
                + ".");
      }
    }

    // An imported profile is mapped by name, so it is served even once its section is gone; only
    // [default] without its keys left is plainly the scope's default (a session's CI key then
    // serves a plain aws there). With its keys left, [default] needs the mapping (DESIGN step 4).
    String forProfile =
        "default".equals(req.importProfile()) && req.removePlaintext() ? null : req.importProfile();
    ScopeWriter.Written written =
        scopes.record(
            scope, CredentialRef.aws(ref, item.title(), item.vaultName(), null), forProfile);
    say(written.describe());

    if (req.removePlaintext()) {
      CredentialsFile file = plaintextSource.orElseThrow();
      file.removeKeys(req.importProfile());
      say(
          "Removed the keys of ["
              + req.importProfile()
              + "] from "
              + file.path()
              + "; the rest of the file is unchanged.");
    }
  }

  private void writeShellIntegration(InitRequest req) throws IOException {
    ShellScripts scripts = new ShellScripts(dirs, ShellScripts.currentLauncher());
    Path sh = scripts.write();
    ShellScripts.RcLine rc = scripts.rcLine(env);
    RcFile rcFile = new RcFile(rc.rcFile());
    say("Wrote " + sh + " and " + dirs.pluginsFish() + ".");
    if (rcFile.contains(rc.line())) {
      say(rc.rcFile() + " already has the line that loads it (new terminals get 'aws'):");
    } else if (req.addToRc()) {
      rcFile.append(rc.line());
      say("Added this line to " + rc.rcFile() + "; open a new terminal, or run it here:");
    } else {
      say("To use it, add this line to " + rc.rcFile() + " and open a new terminal:");
    }
    out.println(rc.line());
    out.flush();
  }

  private static String storeName(StoreKind kind) {
    return switch (kind) {
      case OP -> "1Password";
      case CONNECT -> "1Password Connect";
      case LOCAL -> "the local vault";
    };
  }

  private Scope defaultScope() {
    return env.get("KEYSHELL_SESSION").isPresent() ? Scope.SESSION : Scope.GLOBAL;
  }

  /** The item with exactly this title, if there is one. */
  private static Optional<Item> sameTitle(Store store, String title, String vault) {
    return store.search(title, vault).stream()
        .filter(summary -> summary.title().equals(title))
        .findFirst()
        .map(summary -> store.read(summary.ref()));
  }

  /** Whether the item gives back exactly what is being imported. */
  private static boolean matches(Item item, ImportedKeys imported, InitRequest req) {
    AwsKeys back;
    try {
      back = AwsKeys.from(item);
    } catch (KeyshellException e) {
      return false;
    }
    return back.accessKeyId().equals(imported.accessKeyId())
        && back.secretAccessKey().equals(imported.secretAccessKey())
        && (req.mfaSerial() == null || back.mfaSerial().equals(Optional.of(req.mfaSerial())))
        && (req.otpSecret() == null
            || back.otp().map(Field::value).equals(Optional.of(req.otpSecret())))
        && (blankToNull(req.yubikeyAccount()) == null
            || item.field(AwsKeys.YUBIKEY_ACCOUNT)
                .map(Field::value)
                .equals(Optional.of(req.yubikeyAccount().strip())));
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private void say(String line) {
    err.println(Display.controls(line));
    err.flush();
  }
}
