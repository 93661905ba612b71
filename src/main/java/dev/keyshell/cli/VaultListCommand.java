package dev.keyshell.cli;

import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Field;
import dev.keyshell.item.Item;
import dev.keyshell.mfa.MfaSources;
import dev.keyshell.vault.LocalVaultStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code keyshell vault list}: the items of the local vault, their keys masked, no secret. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List the items of the local vault: title, id, key id (masked) and MFA.")
public final class VaultListCommand implements Callable<Integer> {
  private final Context ctx;

  public VaultListCommand(Context ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    for (Item item : new LocalVaultStore(ctx.env, ctx.dirs, ctx.prompter()).items()) {
      ctx.out.println(line(item));
    }
    ctx.out.flush();
    return 0;
  }

  static String line(Item item) {
    String key =
        item.field(AwsKeys.ACCESS_KEY_ID, "username", "access key")
            .map(Field::value)
            .map(AwsKeys::mask)
            .orElse("-");
    String serial = item.field(AwsKeys.MFA_SERIAL).map(Field::value).orElse(null);
    String mfa;
    if (item.field(MfaSources.YUBIKEY_ACCOUNT).isPresent()) {
      mfa = "YubiKey";
    } else if (item.field(AwsKeys.ONE_TIME_PASSWORD).or(item::otpField).isPresent()) {
      mfa = "TOTP";
    } else {
      mfa = serial != null ? "typed" : "-";
    }
    return item.title()
        + "\t"
        + item.id()
        + "\t"
        + key
        + "\t"
        + (serial != null ? serial : "-")
        + "\t"
        + mfa;
  }
}
