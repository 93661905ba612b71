package dev.keyshell.rotate;

import dev.keyshell.aws.AwsConfigFiles;
import dev.keyshell.aws.Caller;
import dev.keyshell.aws.IamKeys;
import dev.keyshell.aws.MfaCodeSource;
import dev.keyshell.aws.ProfileChain;
import dev.keyshell.aws.StsMinter;
import dev.keyshell.aws.StsSettings;
import dev.keyshell.core.Dirs;
import dev.keyshell.core.Display;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.mfa.MfaCodes;
import dev.keyshell.plugin.Plugins;
import dev.keyshell.plugin.SelectedProfile;
import dev.keyshell.provision.CredentialChoice;
import dev.keyshell.provision.Lock;
import dev.keyshell.provision.Provisioner;
import dev.keyshell.scope.ScopeLocator;
import dev.keyshell.setup.Confirm;
import dev.keyshell.store.FieldEdit;
import dev.keyshell.store.Store;
import dev.keyshell.store.Stores;
import dev.keyshell.tty.Prompter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code keyshell rotate}: replaces the long-lived key of the item that serves a profile, as
 * aws-vault's rotate does, in an order that always leaves the item holding a key that works:
 * CreateAccessKey, store and read back, wait until STS accepts the new key, DeleteAccessKey of the
 * old one, then forget the sessions minted from it. IAM is signed by an MFA session where the
 * chain's root has an MFA device (IAM takes no session without MFA), else by the key itself.
 */
public final class KeyRotation {
  /** How long STS may take to accept a new key (IAM is eventually consistent). */
  static final Duration ACCEPT_WITHIN = Duration.ofSeconds(10);

  /** The MFA session that signs the IAM calls: the shortest STS grants. */
  static final int SESSION_SECONDS = 900;

  private final Env env;
  private final Dirs dirs;
  private final Stores stores;
  private final Provisioner provisioner;
  private final Prompter prompter;
  private final PrintStream err;
  private final MfaCodes.Sleeper sleeper;
  private final Clock clock = Clock.systemUTC();

  public KeyRotation(
      Env env,
      Dirs dirs,
      Stores stores,
      Provisioner provisioner,
      Prompter prompter,
      PrintStream err,
      MfaCodes.Sleeper sleeper) {
    this.env = env;
    this.dirs = dirs;
    this.stores = stores;
    this.provisioner = provisioner;
    this.prompter = prompter;
    this.err = err;
    this.sleeper = sleeper;
  }

  /** Rotates the key that serves {@code profile} (null: as the run path selects it). */
  public void rotate(String profile, boolean yes) {
    String selected = SelectedProfile.of(Optional.ofNullable(profile), env);
    List<ScopeLocator.Found> found = new ScopeLocator(env, dirs).all(Plugins.AWS.name());
    CredentialChoice.Serve serve = served(selected, provisioner.plan(selected, found));
    ProfileChain chain = serve.chain();
    ItemRef ref = serve.entry().ref().item();
    // One rotation of an item at a time: two at once would both create a key (IAM allows two).
    Optional<SecureFiles.Lock> lock;
    Path lockFile = RotationJournal.lockFile(dirs, ref);
    try {
      lock = SecureFiles.tryLock(lockFile);
    } catch (IOException e) {
      throw new KeyshellException("cannot lock " + lockFile + ": " + e.getMessage(), null, e);
    }
    if (lock.isEmpty()) {
      throw RotationErrors.alreadyRotating(Display.text(chain.rootProfile()));
    }
    try (SecureFiles.Lock held = lock.get()) {
      rotateLocked(serve, ref, yes);
    } catch (IOException e) {
      throw new KeyshellException("cannot unlock " + lockFile + ": " + e.getMessage(), null, e);
    }
  }

  private void rotateLocked(CredentialChoice.Serve serve, ItemRef ref, boolean yes) {
    ProfileChain chain = serve.chain();
    Store store = stores.open(ref.store());
    Instant readAt = clock.instant();
    Item item = store.read(ref);
    AwsKeys old = AwsKeys.from(item);
    serve.checkItemKey(old.accessKeyId(), AwsConfigFiles.of(env).credentials().toString());
    String title = "'" + Display.text(item.title()) + "'";
    RotationJournal journal = RotationJournal.of(dirs, ref);
    Optional<InterruptedRotation> interrupted =
        journal.read().map(e -> new InterruptedRotation(journal, e, old.accessKeyId()));
    if (interrupted.isPresent()) {
      err.println(interrupted.get().describe(title));
    } else {
      err.println(
          "Rotating the access key "
              + AwsKeys.mask(old.accessKeyId())
              + " of item "
              + title
              + " (AWS profile '"
              + Display.text(chain.rootProfile())
              + "'): a new key is created in IAM, stored and checked with STS, then the old one"
              + " is deleted from IAM.");
    }
    err.flush();
    Confirm.change(
        prompter,
        yes,
        interrupted.map(InterruptedRotation::question).orElse("Rotate the key?"),
        "the rotation");
    StsSettings settings = provisioner.stsSettings(chain, old);
    Optional<String> mfa = chain.rootMfaSerial().or(old::mfaSerial);
    MfaCodeSource codes = provisioner.mfaCodes(chain, item, readAt);
    try (StsMinter sts = new StsMinter(settings, codes, clock)) {
      Caller signer =
          mfa.isPresent()
              ? Caller.session(sts.getSessionToken(old, mfa, SESSION_SECONDS))
              : Caller.of(old);
      try (IamKeys iam = new IamKeys(settings, signer)) {
        if (interrupted.isPresent() && interrupted.get().resolve(iam, this::forgetSessions, err)) {
          return;
        }
        String created = replace(store, ref, item, old, iam, sts, journal);
        int dropped = forgetSessions();
        err.println(
            "Rotated: item "
                + title
                + " holds the new key "
                + AwsKeys.mask(created)
                + "; "
                + AwsKeys.mask(old.accessKeyId())
                + " was deleted from IAM; "
                + dropped
                + " cached session file"
                + (dropped == 1 ? "" : "s")
                + " dropped.");
        err.flush();
      }
    }
  }

  /** The steps from ListAccessKeys on; returns the new key's id. */
  private String replace(
      Store store,
      ItemRef ref,
      Item item,
      AwsKeys old,
      IamKeys iam,
      StsMinter sts,
      RotationJournal journal) {
    String stored = old.accessKeyId();
    List<String> keys = iam.list();
    if (!keys.contains(stored)) {
      throw RotationErrors.notListed(stored);
    }
    Optional<String> other = keys.stream().filter(k -> !k.equals(stored)).findFirst();
    if (other.isPresent()) {
      throw RotationErrors.atLimit(stored, other.get());
    }
    // From here to DeleteAccessKey the journal says what a crash would leave in IAM.
    RotationJournal.Entry begun = journal.begin(stored, clock.instant());
    IamKeys.NewKey created;
    try {
      created = iam.create();
    } catch (IamKeys.IamFailure e) {
      if (!e.answered()) {
        throw RotationErrors.createUnanswered(e.reason(), stored); // the next rotate checks IAM
      }
      journal.clear();
      throw RotationErrors.createRefused(e.reason(), stored);
    }
    String id = created.accessKeyId();
    try {
      journal.created(begun, id);
    } catch (KeyshellException e) {
      // The key exists now: go on, so that it is stored or deleted again, rather than stop here.
      err.println("keyshell: " + e.getMessage());
    }
    store(store, ref, item, old, created, iam, journal);
    AwsKeys fresh = withKey(old, created);
    Optional<String> refused = accepted(sts, fresh);
    if (refused.isPresent()) {
      boolean restored = restore(store, ref, item, old);
      String deleteReason = restored ? deleteQuietly(iam, id) : "not tried";
      if (restored && deleteReason == null) {
        journal.clear();
      }
      throw RotationErrors.notAccepted(refused.get(), stored, id, restored, deleteReason);
    }
    try {
      iam.delete(stored);
    } catch (IamKeys.IamFailure e) {
      forgetSessions();
      throw RotationErrors.oldNotDeleted(e.reason(), stored, id);
    }
    journal.clear();
    return id;
  }

  /** Writes the new key into the item and reads it back; on failure, says what IAM holds. */
  private void store(
      Store store,
      ItemRef ref,
      Item item,
      AwsKeys old,
      IamKeys.NewKey created,
      IamKeys iam,
      RotationJournal journal) {
    String reason;
    try {
      store.edit(ref, edits(item, created.accessKeyId(), created.secretAccessKey()));
      if (holds(store.read(ref), created.accessKeyId(), created.secretAccessKey())) {
        return;
      }
      reason = "the item does not read back as written";
    } catch (KeyshellException e) {
      reason = e.getMessage();
    }
    Item now;
    try {
      now = store.read(ref);
    } catch (KeyshellException e) {
      throw RotationErrors.storeUnknown(reason, old.accessKeyId(), created.accessKeyId());
    }
    if (holds(now, created.accessKeyId(), created.secretAccessKey())) {
      return; // the write went through after all
    }
    if (!holds(now, old.accessKeyId(), old.secretAccessKey())) {
      throw RotationErrors.storeUnknown(reason, old.accessKeyId(), created.accessKeyId());
    }
    String deleteReason = deleteQuietly(iam, created.accessKeyId());
    if (deleteReason == null) {
      journal.clear();
      throw RotationErrors.notStoredUndone(reason, old.accessKeyId(), created.accessKeyId());
    }
    throw RotationErrors.notStored(reason, old.accessKeyId(), created.accessKeyId(), deleteReason);
  }

  /** Puts the old key back; whether the item holds it again. */
  private boolean restore(Store store, ItemRef ref, Item item, AwsKeys old) {
    try {
      store.edit(ref, edits(item, old.accessKeyId(), old.secretAccessKey()));
      return holds(store.read(ref), old.accessKeyId(), old.secretAccessKey());
    } catch (KeyshellException e) {
      return false;
    }
  }

  /** Deletes a key keyshell created; null when it is gone, else IAM's reason. */
  private static String deleteQuietly(IamKeys iam, String id) {
    try {
      iam.delete(id);
      return null;
    } catch (IamKeys.IamFailure e) {
      return e.reason();
    }
  }

  /**
   * Empty once STS accepts {@code keys} (GetCallerIdentity), trying with a growing pause for {@link
   * #ACCEPT_WITHIN}; else STS's last answer.
   */
  private Optional<String> accepted(StsMinter sts, AwsKeys keys) {
    Instant deadline = clock.instant().plus(ACCEPT_WITHIN);
    Duration pause = Duration.ofMillis(250);
    while (true) {
      String last;
      try {
        sts.getCallerIdentity(keys);
        return Optional.empty();
      } catch (KeyshellException e) {
        last = e.getMessage();
      }
      Instant now = clock.instant();
      if (!now.plus(pause).isBefore(deadline)) {
        return Optional.of(last);
      }
      try {
        sleeper.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted");
      }
      pause =
          pause.multipliedBy(2).compareTo(Duration.ofSeconds(3)) > 0
              ? Duration.ofSeconds(3)
              : pause.multipliedBy(2);
    }
  }

  /** The key pair's fields under the labels this item uses (an API Credential's own, say). */
  private static List<FieldEdit> edits(Item item, String id, String secret) {
    String idLabel =
        item.field(AwsKeys.ACCESS_KEY_ID, "username", "access key")
            .map(Field::label)
            .orElse(AwsKeys.ACCESS_KEY_ID);
    String secretLabel =
        item.field(AwsKeys.SECRET_ACCESS_KEY, "credential", "secret key")
            .map(Field::label)
            .orElse(AwsKeys.SECRET_ACCESS_KEY);
    return List.of(
        new FieldEdit(idLabel, FieldType.STRING, id),
        new FieldEdit(secretLabel, FieldType.CONCEALED, secret));
  }

  private static boolean holds(Item item, String id, String secret) {
    try {
      AwsKeys k = AwsKeys.from(item);
      return k.accessKeyId().equals(id) && k.secretAccessKey().equals(secret);
    } catch (KeyshellException e) {
      return false;
    }
  }

  private static AwsKeys withKey(AwsKeys old, IamKeys.NewKey created) {
    return new AwsKeys(
        created.accessKeyId(), created.secretAccessKey(), old.region(), old.mfaSerial(), old.otp());
  }

  private int forgetSessions() {
    try {
      return new Lock(dirs).forgetKeySessions();
    } catch (IOException e) {
      err.println(
          "keyshell: cannot drop the cached sessions (" + e.getMessage() + "); run: keyshell lock");
      return 0;
    }
  }

  /** The Serve outcome, or one line for a profile that holds no key keyshell could rotate. */
  static CredentialChoice.Serve served(String profile, CredentialChoice.Outcome outcome) {
    if (outcome instanceof CredentialChoice.Serve serve) {
      return serve;
    }
    String p = "'" + Display.text(profile) + "'";
    if (outcome instanceof CredentialChoice.ServeSso) {
      throw new KeyshellException(
          "AWS profile "
              + p
              + " signs in through IAM Identity Center: it has no access key to"
              + " rotate",
          null);
    }
    throw new KeyshellException(
        "AWS profile "
            + p
            + " gets its credentials from "
            + outcome.chain().rootSource().setting()
            + ", which aws serves itself: keyshell holds no key of it to rotate",
        null);
  }
}
