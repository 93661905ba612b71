package dev.keyshell.setup.wizard;

import dev.keyshell.core.Dirs;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.StoreKind;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.scope.CredentialRef;
import dev.keyshell.scope.Scope;
import dev.keyshell.scope.ScopeFile;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.setup.InitRequest;
import dev.keyshell.shell.RcFile;
import dev.keyshell.shell.ShellScripts;
import dev.keyshell.store.Store;
import dev.keyshell.store.Stores;
import dev.keyshell.tty.Prompter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The interactive {@code plugin init aws}: asks what the flags left open and returns the complete
 * {@link InitRequest}. It only asks and reads; {@link dev.keyshell.setup.InitService} does every
 * write afterwards, so Ctrl-C at any question leaves nothing half-written.
 */
public final class Wizard {
  static final String SCOPE_QUESTION =
      "Configure when the chosen credential will be used to authenticate:";

  private final Env env;
  private final Dirs dirs;
  private final Stores stores;
  private final Prompter questions;
  private final Clock clock;

  public Wizard(Env env, Dirs dirs, Stores stores, Prompter questions, Clock clock) {
    this.env = env;
    this.dirs = dirs;
    this.stores = stores;
    this.questions = questions;
    this.clock = clock;
  }

  /** {@code partial} with every missing answer asked; with {@code --yes} it is returned as is. */
  public InitRequest complete(InitRequest partial) {
    return complete(partial, false);
  }

  /** The same; {@code keepPlaintext} ({@code --keep-plaintext}) answers the removal question. */
  public InitRequest complete(InitRequest partial, boolean keepPlaintext) {
    if (partial.yes() || !questions.interactive()) {
      return partial;
    }
    describeExisting();
    StoreKind store = partial.store() != null ? partial.store() : askStore();
    Located located =
        partial.item() != null
                || partial.importProfile() != null
                || partial.importEnv()
                || partial.awsVault() != null
            ? new Located(
                partial.item(),
                partial.vault(),
                partial.importProfile(),
                partial.importEnv(),
                partial.awsVault())
            : new Locate(env, questions).ask(stores.open(store), storeName(store));
    String title = partial.title();
    String vault = located.vault() != null ? located.vault() : partial.vault();
    String mfaSerial = partial.mfaSerial();
    String otp = partial.otpSecret();
    String yubikey = partial.yubikeyAccount();
    if (located.isImport()) {
      title = title != null ? title : questions.ask("Name the item:", defaultTitle(located));
      if (vault == null && store != StoreKind.LOCAL) {
        vault = askVault(stores.open(store));
      }
      Optional<MfaStep.Answer> mfa =
          new MfaStep(env, questions, clock)
              .ask(located.profileName(), new MfaStep.Answer(mfaSerial, otp, yubikey));
      mfaSerial = mfa.map(MfaStep.Answer::serial).orElse(null);
      otp = mfa.map(MfaStep.Answer::secret).orElse(null);
      yubikey = mfa.map(MfaStep.Answer::yubikeyAccount).orElse(null);
    }
    Scope scope = partial.scope() != null ? partial.scope() : askScope();
    boolean remove = partial.removePlaintext();
    if (!remove && !keepPlaintext && located.importProfile() != null) {
      remove =
          questions.confirm(
              "Remove the imported keys from ~/.aws/credentials once the item reads back?", true);
    }
    boolean addToRc = partial.addToRc() || askRc();
    return new InitRequest(
        store,
        located.importProfile(),
        located.importEnv(),
        located.awsVault(),
        located.item(),
        title,
        blankToNull(vault),
        mfaSerial,
        otp,
        yubikey,
        scope,
        remove,
        addToRc,
        false);
  }

  private void describeExisting() {
    List<ScopeLocator.Found> found = new ScopeLocator(env, dirs).all(Plugins.AWS.name());
    boolean replaces = false;
    for (ScopeLocator.Found f : found) {
      if (!f.trusted()) {
        continue;
      }
      for (CredentialRef r : ScopeFile.parse(f.bytes(), f.path())) {
        questions.say(
            "Already set up ("
                + f.scope().id()
                + (r.isDefault() ? "" : ", profile " + r.profile())
                + "): "
                + r.describe()
                + ".");
        replaces = true;
      }
    }
    if (replaces) {
      questions.say("Your answers replace it in the scope you choose; the item itself stays.");
    }
  }

  private StoreKind askStore() {
    StoreKind detected = stores.detectDefault();
    List<StoreKind> order = new ArrayList<>(List.of(detected));
    for (StoreKind k : StoreKind.values()) {
      if (k != detected) {
        order.add(k);
      }
    }
    List<String> labels = new ArrayList<>();
    for (StoreKind k : order) {
      labels.add(storeLabel(k) + (k == detected ? " (default here)" : ""));
    }
    return order.get(questions.choose("Where to keep the AWS key?", labels, 0));
  }

  /**
   * The vault for a new item, from a menu of those the account sees (its Private or Personal vault
   * first); a name, or the id where two vaults share the name. One vault is taken without asking.
   */
  private String askVault(Store store) {
    List<Store.VaultSummary> vaults;
    try {
      vaults = store.vaults();
    } catch (KeyshellException e) {
      questions.say("  Cannot list the vaults: " + e.getMessage());
      return questions.ask("Vault to keep it in (empty: your default vault):", null);
    }
    if (vaults.isEmpty()) {
      return questions.ask("Vault to keep it in (empty: your default vault):", null);
    }
    List<String> labels = new ArrayList<>();
    int preselected = 0;
    for (int i = 0; i < vaults.size(); i++) {
      String name = vaults.get(i).name();
      labels.add(name);
      if (preselected == 0 && (name.equals("Private") || name.equals("Personal"))) {
        preselected = i;
      }
    }
    int chosen =
        vaults.size() == 1 ? 0 : questions.choose("Vault to keep it in:", labels, preselected);
    Store.VaultSummary v = vaults.get(chosen);
    if (vaults.size() == 1) {
      questions.say("The item goes to vault '" + v.name() + "', the only one this account sees.");
    }
    return labels.stream().filter(v.name()::equals).count() > 1 ? v.id() : v.name();
  }

  private Scope askScope() {
    boolean sessionReady = env.get("KEYSHELL_SESSION").isPresent();
    List<String> labels =
        List.of(
            "Prompt me for each new terminal session"
                + (sessionReady
                    ? " (recommended)"
                    : " (needs plugins.sh loaded in this shell first)"),
            "Use automatically when in this directory or subdirectories (" + env.cwd() + ")",
            "Use as global default on my system" + (sessionReady ? "" : " (recommended)"));
    Scope[] scopes = {Scope.SESSION, Scope.DIRECTORY, Scope.GLOBAL};
    while (true) {
      Scope s = scopes[questions.choose(SCOPE_QUESTION, labels, sessionReady ? 0 : 2)];
      if (s != Scope.SESSION || sessionReady) {
        return s;
      }
      questions.say("  This shell has not loaded plugins.sh: there is no session to keep it in.");
      questions.say("  Choose directory or global now; --scope session works once it is loaded.");
    }
  }

  private boolean askRc() {
    ShellScripts.RcLine rc = new ShellScripts(dirs, Path.of("keyshell")).rcLine(env);
    if (new RcFile(rc.rcFile()).contains(rc.line())) {
      return false;
    }
    String file = tilde(rc.rcFile());
    questions.say("New terminals get the aws function from this line in " + file + ":");
    questions.say("  " + rc.line());
    return questions.confirm("Add it to " + file + " now?", true);
  }

  private String tilde(Path p) {
    return tilde(env, p);
  }

  /** {@code p} as the person knows it: {@code ~/...} below their home. */
  static String tilde(Env env, Path p) {
    return p.startsWith(env.home()) ? "~/" + env.home().relativize(p) : p.toString();
  }

  private static String defaultTitle(Located located) {
    return located.profileName() != null ? "AWS " + located.profileName() : "AWS Access Key";
  }

  static String storeName(StoreKind kind) {
    return switch (kind) {
      case OP -> "1Password";
      case CONNECT -> "1Password Connect";
      case LOCAL -> "the local vault";
    };
  }

  private static String storeLabel(StoreKind kind) {
    return switch (kind) {
      case OP -> "1Password app (op CLI)";
      case CONNECT -> "1Password Connect server";
      case LOCAL -> "keyshell's encrypted local vault";
    };
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * First use, from {@code plugin run}: "Locate your AWS Access Key" in the default store, the
   * import questions if it is an import, and the answer kept for this terminal session, as op does.
   */
  public InitRequest forThisSession() {
    StoreKind store = stores.detectDefault();
    Store opened = stores.open(store);
    Located located = new Locate(env, questions).ask(opened, storeName(store));
    String title = null;
    String vault = located.vault();
    Optional<MfaStep.Answer> mfa = Optional.empty();
    boolean remove = false;
    if (located.isImport()) {
      title = questions.ask("Name the item:", defaultTitle(located));
      if (store != StoreKind.LOCAL) {
        vault = askVault(opened);
      }
      mfa =
          new MfaStep(env, questions, clock)
              .ask(located.profileName(), new MfaStep.Answer(null, null, null));
      remove =
          located.importProfile() != null
              && questions.confirm(
                  "Remove the imported keys from ~/.aws/credentials once the item reads back?",
                  true);
    }
    return new InitRequest(
        store,
        located.importProfile(),
        located.importEnv(),
        located.awsVault(),
        located.item(),
        title,
        blankToNull(vault),
        mfa.map(MfaStep.Answer::serial).orElse(null),
        mfa.map(MfaStep.Answer::secret).orElse(null),
        mfa.map(MfaStep.Answer::yubikeyAccount).orElse(null),
        Scope.SESSION,
        remove,
        false,
        false);
  }
}
