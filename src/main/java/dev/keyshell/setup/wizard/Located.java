package dev.keyshell.setup.wizard;

/**
 * The answer to "Locate your AWS Access Key": an existing item ({@code item}, {@code vault}), or
 * keys to import from a credentials profile or the environment.
 */
record Located(String item, String vault, String importProfile, boolean importEnv) {

  static Located existing(String itemId, String vaultId) {
    return new Located(itemId, vaultId, null, false);
  }

  static Located profile(String name) {
    return new Located(null, null, name, false);
  }

  static Located environment() {
    return new Located(null, null, null, true);
  }

  boolean isImport() {
    return item == null;
  }
}
