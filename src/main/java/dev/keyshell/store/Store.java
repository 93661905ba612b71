package dev.keyshell.store;

import dev.keyshell.item.Field;
import dev.keyshell.item.Item;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import java.util.List;

/**
 * Where credential items live: 1Password through {@code op}, a Connect server, or the local vault.
 * Every method fails with a {@link dev.keyshell.core.KeyshellException} carrying a one-line reason
 * and a hint, never a secret.
 */
public interface Store {

  StoreKind kind();

  /** Reads the whole item, with the current one-time code in OTP fields where the store has one. */
  Item read(ItemRef ref);

  /**
   * Items whose title contains {@code query} (case-insensitive; all when blank), optionally in one
   * vault (name or id), as summaries without secret values.
   */
  List<ItemSummary> search(String query, String vault);

  /** Finds exactly one item by title or id; zero or several matches are errors naming them. */
  ItemRef resolve(String titleOrId, String vault);

  /** Creates a Login item with these fields in {@code vault} (store default when null). */
  ItemRef create(String title, String vault, List<Field> fields);

  /**
   * Changes some fields of an existing item and keeps every other part of it (other fields,
   * sections, notes, URLs) as it was. Secrets go to the store on stdin or in a request body.
   */
  default void edit(ItemRef ref, List<FieldEdit> edits) {
    throw new dev.keyshell.core.KeyshellException(
        "the " + kind().id() + " store cannot change an item", null);
  }

  /**
   * The vaults this account or token sees, for the wizard's menu; empty where there is one vault
   * only and nothing to choose (the local vault).
   */
  default List<VaultSummary> vaults() {
    return List.of();
  }

  /** A summary of an item for menus and {@code plugin inspect}. */
  record ItemSummary(ItemRef ref, String title, String vaultName) {}

  /** A vault's id and name. */
  record VaultSummary(String id, String name) {}
}
