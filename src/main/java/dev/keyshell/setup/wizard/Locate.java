package dev.keyshell.setup.wizard;

import dev.keyshell.core.Display;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import dev.keyshell.setup.AwsVaultKeys;
import dev.keyshell.setup.CredentialsFile;
import dev.keyshell.setup.ProfileKeys;
import dev.keyshell.store.Store;
import dev.keyshell.store.Store.ItemSummary;
import dev.keyshell.tty.Prompter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * "Locate your AWS Access Key", as {@code op plugin init} asks it: the store's items whose title
 * mentions AWS, each key pair that could be imported (every profile of ~/.aws/credentials with its
 * masked key id, the environment, and every profile of aws-vault's file backend), and a search of
 * the store.
 */
final class Locate {
  static final String QUESTION = "Locate your AWS Access Key:";

  /** Passphrases typed for aws-vault's file backend before the wizard gives up. */
  static final int PASSPHRASE_TRIES = 3;

  private final Env env;
  private final Prompter questions;

  Locate(Env env, Prompter questions) {
    this.env = env;
    this.questions = questions;
  }

  Located ask(Store store, String storeName) {
    List<String> labels = new ArrayList<>();
    List<Supplier<Located>> answers = new ArrayList<>();
    for (ItemSummary s : items(store, "aws", storeName)) {
      labels.add("Use " + describe(s));
      answers.add(() -> Located.existing(s.ref().itemId(), s.ref().vaultId()));
    }
    for (ProfileKeys p : importableProfiles()) {
      labels.add(
          "Import profile '" + p.profile() + "' of ~/.aws/credentials (" + p.maskedKeyId() + ")");
      answers.add(() -> Located.profile(p.profile()));
    }
    AwsVaultKeys awsVault = AwsVaultKeys.of(env);
    for (String profile : awsVault.profiles()) {
      labels.add(
          "Import profile '"
              + Display.text(profile)
              + "' of aws-vault ("
              + Wizard.tilde(env, awsVault.dir())
              + ")");
      answers.add(() -> awsVault(awsVault, profile));
    }
    env.get("AWS_ACCESS_KEY_ID")
        .ifPresent(
            id -> {
              labels.add(
                  "Import AWS_ACCESS_KEY_ID from the environment (" + AwsKeys.mask(id) + ")");
              answers.add(Located::environment);
            });
    labels.add("Search " + storeName + "…");
    int search = labels.size() - 1;
    while (true) {
      int chosen = questions.choose(QUESTION, labels, 0);
      Located found = chosen == search ? search(store, storeName) : answers.get(chosen).get();
      if (found != null) {
        return found;
      }
    }
  }

  /**
   * The key aws-vault keeps for {@code profile}, decrypted with {@code AWS_VAULT_FILE_PASSPHRASE}
   * when it is set (as aws-vault does), else with a passphrase typed hidden, asked again when it is
   * wrong; null (back to the list) when the file holds no key keyshell can import.
   */
  private Located awsVault(AwsVaultKeys vault, String profile) {
    boolean fromEnv = env.get(AwsVaultKeys.PASSPHRASE).isPresent();
    if (fromEnv) {
      questions.say("  Using the passphrase in " + AwsVaultKeys.PASSPHRASE + ".");
    }
    int tries = 0;
    while (true) {
      char[] passphrase =
          fromEnv
              ? env.vars().get(AwsVaultKeys.PASSPHRASE).toCharArray()
              : questions.askSecret(
                  "Passphrase of aws-vault's file backend ("
                      + Wizard.tilde(env, vault.dir())
                      + "):");
      try {
        return Located.awsVault(
            new AwsVaultKeys.Imported(profile, vault.read(profile, passphrase)));
      } catch (AwsVaultKeys.WrongPassphrase e) {
        if (fromEnv || ++tries >= PASSPHRASE_TRIES) {
          throw e;
        }
        questions.say("  That is not the passphrase of aws-vault's file backend (Ctrl-C stops).");
      } catch (KeyshellException e) {
        questions.say("  " + e.getMessage() + ".");
        return null;
      }
    }
  }

  /** Null when nothing was found or the person went back. */
  private Located search(Store store, String storeName) {
    String query = questions.ask("Search " + storeName + " for (part of a title):", null);
    List<ItemSummary> found = items(store, query == null ? "" : query, storeName);
    if (found.isEmpty()) {
      questions.say("  No item in " + storeName + " matches '" + query + "'.");
      return null;
    }
    List<String> labels = new ArrayList<>();
    for (ItemSummary s : found) {
      labels.add("Use " + describe(s));
    }
    labels.add("Back");
    int chosen = questions.choose("Select the item that holds your AWS Access Key:", labels, 0);
    if (chosen == found.size()) {
      return null;
    }
    ItemSummary s = found.get(chosen);
    return Located.existing(s.ref().itemId(), s.ref().vaultId());
  }

  private List<ItemSummary> items(Store store, String query, String storeName) {
    try {
      return store.search(query, null);
    } catch (KeyshellException e) {
      questions.say("  (cannot list the items of " + storeName + ": " + e.getMessage() + ")");
      return List.of();
    }
  }

  private List<ProfileKeys> importableProfiles() {
    try {
      return CredentialsFile.load(CredentialsFile.location(env)).profiles().stream()
          .filter(p -> !p.hasSessionToken() && !p.accessKeyId().startsWith("ASIA"))
          .toList();
    } catch (KeyshellException e) {
      return List.of(); // no credentials file, or one keyshell cannot read: nothing to import
    }
  }

  private static String describe(ItemSummary s) {
    return "'"
        + Display.text(s.title())
        + "'"
        + (s.vaultName() == null ? "" : " (vault " + Display.text(s.vaultName()) + ")");
  }
}
