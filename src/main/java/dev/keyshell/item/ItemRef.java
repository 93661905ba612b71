package dev.keyshell.item;

/**
 * Where an item lives, by reference: what scope files store instead of any value. {@code account}
 * is 1Password's account (op) or the Connect host; null for the local vault.
 */
public record ItemRef(StoreKind store, String account, String vaultId, String itemId) {}
