package dev.keyshell.item;

import java.util.Locale;

/** The three places a credential item can live. */
public enum StoreKind {
  OP,
  CONNECT,
  LOCAL;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StoreKind parse(String id) {
    for (StoreKind k : values()) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown store '" + id + "' (expected op, connect or local)");
  }
}
