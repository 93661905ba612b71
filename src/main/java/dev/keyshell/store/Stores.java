package dev.keyshell.store;

import dev.keyshell.item.StoreKind;

/** Opens the store a reference or a flag names (stores/DefaultStores in production). */
public interface Stores {

  Store open(StoreKind kind);

  /**
   * The store to use when none is named: op when signed in, connect when configured, else local.
   */
  StoreKind detectDefault();
}
