package dev.keyshell.scope;

import dev.keyshell.core.Display;
import dev.keyshell.item.ItemRef;
import dev.keyshell.item.StoreKind;
import dev.keyshell.plugin.Plugins;

/**
 * One credential in a scope file: the item by reference (never a value), the title and vault name
 * for display, and optionally the AWS root profile it is for (none: the default).
 */
public record CredentialRef(
    String plugin,
    String credentialType,
    ItemRef item,
    String title,
    String vaultName,
    String profile) {

  public static CredentialRef aws(ItemRef item, String title, String vaultName, String profile) {
    return new CredentialRef(
        Plugins.AWS.name(), Plugins.AWS.credential().id(), item, title, vaultName, profile);
  }

  public boolean isDefault() {
    return profile == null || profile.isEmpty();
  }

  /** How it is shown to the user: title, vault and store. */
  public String describe() {
    StoreKind store = item.store();
    return "'"
        + Display.text(title)
        + "'"
        + (vaultName == null ? "" : " in vault '" + Display.text(vaultName) + "'")
        + " ("
        + store.id()
        + ")";
  }
}
