package dev.keyshell.setup;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Field;
import dev.keyshell.item.FieldType;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.mfa.MfaSources;
import dev.keyshell.otp.TotpSecret;
import dev.keyshell.store.FieldEdit;
import dev.keyshell.store.Store;
import dev.keyshell.store.Stores;
import dev.keyshell.tty.Prompter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code plugin init aws --item REF --mfa-serial ARN --otp-stdin | --remove-otp}: changes the MFA
 * fields of an item already stored, in any store, after a confirmation, and reads it back. Every
 * other field and part of the item stays as it was.
 */
public final class ItemEditor {
  private final Stores stores;
  private final Prompter prompter;
  private final PrintStream err;

  /** What to change; null leaves a field alone. {@code otpSecret} came from stdin. */
  public record Request(
      StoreKind store,
      String item,
      String vault,
      String mfaSerial,
      String otpSecret,
      boolean removeOtp,
      String yubikeyAccount,
      boolean yes) {
    @Override
    public String toString() {
      return "ItemEditor.Request[" + item + "]";
    }
  }

  public ItemEditor(Stores stores, Prompter prompter, PrintStream err) {
    this.stores = stores;
    this.prompter = prompter;
    this.err = err;
  }

  public int run(Request req) {
    if (req.otpSecret() != null && req.removeOtp()) {
      throw KeyshellException.usage(
          "--otp-stdin and --remove-otp exclude each other", "choose one");
    }
    if (req.otpSecret() != null) {
      TotpSecret.parse(req.otpSecret()); // a bad secret is refused before anything is asked
    }
    StoreKind kind = req.store() != null ? req.store() : stores.detectDefault();
    Store store = stores.open(kind);
    ItemRef ref = store.resolve(req.item(), req.vault());
    Item item = store.read(ref);
    List<FieldEdit> edits = new ArrayList<>();
    List<String> changes = new ArrayList<>();
    if (req.mfaSerial() != null) {
      edits.add(new FieldEdit(AwsKeys.MFA_SERIAL, FieldType.STRING, req.mfaSerial()));
      changes.add("MFA Serial: " + req.mfaSerial());
    }
    if (req.otpSecret() != null) {
      edits.add(new FieldEdit(AwsKeys.ONE_TIME_PASSWORD, FieldType.OTP, req.otpSecret()));
      changes.add("One-Time Password: the new secret (its code now: " + code(req) + ")");
    }
    if (req.removeOtp()) {
      edits.add(FieldEdit.remove(AwsKeys.ONE_TIME_PASSWORD, FieldType.OTP));
      changes.add("One-Time Password: removed (codes then come from mfa_process or the terminal)");
    }
    if (req.yubikeyAccount() != null) {
      boolean clear = req.yubikeyAccount().isBlank();
      edits.add(
          new FieldEdit(
              MfaSources.YUBIKEY_ACCOUNT,
              FieldType.STRING,
              clear ? null : req.yubikeyAccount().strip()));
      changes.add(
          clear
              ? "YubiKey Account: removed"
              : "YubiKey Account: " + req.yubikeyAccount().strip() + " (codes from ykman)");
    }
    String where = "'" + item.title() + "' (" + AwsKeys.mask(keyId(item)) + ")";
    err.println("Changing " + where + " in " + storeName(kind) + ":");
    for (String c : changes) {
      err.println("  " + c);
    }
    err.flush();
    Confirm.change(prompter, req.yes(), "Change the item?", "the change of the item");
    store.edit(ref, edits);
    verify(store.read(ref), req);
    err.println("Updated " + where + "; its other fields are unchanged.");
    return 0;
  }

  /** The item as read back must hold what was written, else the user is told exactly that. */
  private static void verify(Item back, Request req) {
    AwsKeys keys = AwsKeys.from(back);
    boolean ok = true;
    if (req.mfaSerial() != null) {
      ok &= keys.mfaSerial().equals(Optional.of(req.mfaSerial()));
    }
    if (req.otpSecret() != null) {
      ok &= keys.otp().map(Field::value).equals(Optional.of(req.otpSecret()));
    }
    if (req.removeOtp()) {
      ok &= keys.otp().isEmpty();
    }
    if (!ok) {
      throw new KeyshellException(
          "the item '" + back.title() + "' does not read back as it was written",
          "check the item in the store; run the command again to retry");
    }
  }

  private static String code(Request req) {
    String c = TotpSecret.parse(req.otpSecret()).code(java.time.Clock.systemUTC());
    return c.substring(0, 3) + " " + c.substring(3);
  }

  private static String keyId(Item item) {
    return item.field(AwsKeys.ACCESS_KEY_ID, "username", "access key").map(Field::value).orElse("");
  }

  private static String storeName(StoreKind kind) {
    return switch (kind) {
      case OP -> "1Password";
      case CONNECT -> "1Password Connect";
      case LOCAL -> "the local vault";
    };
  }
}
