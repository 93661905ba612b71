package dev.keyshell.setup.wizard;

import dev.keyshell.core.Display;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
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
 * masked key id, and the environment), and a search of the store.
 */
final class Locate {
  static final String QUESTION = "Locate your AWS Access Key:";

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
      if (chosen != search) {
        return answers.get(chosen).get();
      }
      Located found = search(store, storeName);
      if (found != null) {
        return found;
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
