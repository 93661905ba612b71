package dev.keyshell.setup;

import dev.keyshell.core.Env;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.item.Item;
import dev.keyshell.store.Store;
import dev.keyshell.tty.Prompter;
import java.io.PrintStream;

/**
 * {@code keyshell vault restore ITEM --profile P}: the way back for a user who leaves keyshell. The
 * item's key pair is written to profile P of the AWS credentials file after a confirmation; every
 * other byte of the file stays as it was, and a profile that already has keys is never touched.
 */
public final class KeyRestore {
  private final Env env;
  private final Prompter prompter;
  private final PrintStream err;

  public KeyRestore(Env env, Prompter prompter, PrintStream err) {
    this.env = env;
    this.prompter = prompter;
    this.err = err;
  }

  public int run(Store store, String itemRef, String profile, boolean yes) {
    Item item = store.read(store.resolve(itemRef, null));
    AwsKeys keys = AwsKeys.from(item);
    CredentialsFile file = CredentialsFile.loadOrEmpty(CredentialsFile.location(env));
    file.withKeys(profile, keys.accessKeyId(), keys.secretAccessKey()); // refusals before asking
    err.println(
        "Writing the key of '"
            + item.title()
            + "' ("
            + AwsKeys.mask(keys.accessKeyId())
            + ") to ["
            + profile
            + "] of "
            + file.path()
            + "; the rest of the file stays as it is.");
    Confirm.change(prompter, yes, "Write the key in plaintext?", "writing the key");
    file.restoreKeys(profile, keys.accessKeyId(), keys.secretAccessKey());
    err.println(
        "Restored. The item stays in the vault. keyshell now refuses profile '"
            + profile
            + "' while it has its own keys: plain 'command aws' uses them.");
    return 0;
  }
}
