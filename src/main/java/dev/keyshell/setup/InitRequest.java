package dev.keyshell.setup;

import dev.keyshell.item.StoreKind;
import dev.keyshell.scope.Scope;

/**
 * The answers to {@code plugin init aws}, from flags; a null answer is asked on a terminal or
 * defaulted with {@code --yes}. {@code otpSecret} came from stdin or the wizard's hidden prompt,
 * never from argv. {@code awsVault}: a key already read from aws-vault's file backend ({@code
 * --import-aws-vault}, or the wizard's list). {@code yubikeyAccount}: the YubiKey OATH account
 * whose codes serve the MFA device. {@code addToRc}: append the line that sources plugins.sh to the
 * rc file.
 */
public record InitRequest(
    StoreKind store,
    String importProfile,
    boolean importEnv,
    AwsVaultKeys.Imported awsVault,
    String item,
    String title,
    String vault,
    String mfaSerial,
    String otpSecret,
    String yubikeyAccount,
    Scope scope,
    boolean removePlaintext,
    boolean addToRc,
    boolean yes) {

  @Override
  public String toString() {
    return "InitRequest[store="
        + store
        + ", importProfile="
        + importProfile
        + ", awsVault="
        + (awsVault == null ? null : awsVault.profile())
        + ", scope="
        + scope
        + "]";
  }
}
