package dev.keyshell.setup.wizard;

import dev.keyshell.setup.AwsVaultKeys;

/**
 * The answer to "Locate your AWS Access Key": an existing item ({@code item}, {@code vault}), or
 * keys to import from a credentials profile, the environment, or aws-vault's file backend (read
 * already, with the passphrase asked when it was chosen).
 */
record Located(
    String item,
    String vault,
    String importProfile,
    boolean importEnv,
    AwsVaultKeys.Imported awsVault) {

  static Located existing(String itemId, String vaultId) {
    return new Located(itemId, vaultId, null, false, null);
  }

  static Located profile(String name) {
    return new Located(null, null, name, false, null);
  }

  static Located environment() {
    return new Located(null, null, null, true, null);
  }

  static Located awsVault(AwsVaultKeys.Imported imported) {
    return new Located(null, null, null, false, imported);
  }

  boolean isImport() {
    return item == null;
  }

  /** The AWS profile the imported key belongs to (its MFA device is offered), or null. */
  String profileName() {
    return importProfile != null ? importProfile : awsVault != null ? awsVault.profile() : null;
  }
}
