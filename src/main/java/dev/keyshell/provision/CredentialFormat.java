package dev.keyshell.provision;

/** How {@code keyshell export} prints credentials. */
public final class CredentialFormat {
  private CredentialFormat() {}

  public static String env(Minted m) {
    throw new UnsupportedOperationException();
  }

  public static String json(Minted m) {
    throw new UnsupportedOperationException();
  }
}
