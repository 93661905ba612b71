package dev.keyshell.setup;

import dev.keyshell.item.StoreKind;
import dev.keyshell.scope.Scope;

/**
 * The answers to {@code plugin init aws}, from flags; a null answer is asked on a terminal or
 * defaulted with {@code --yes}. {@code otpSecret} came from stdin or the wizard's hidden prompt,
 * never from argv. {@code addToRc}: append the line that sources plugins.sh to the rc file.
 */
public record InitRequest(
    StoreKind store,
    String importProfile,
    boolean importEnv,
    String item,
    String title,
    String vault,
    String mfaSerial,
    String otpSecret,
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
        + ", scope="
        + scope
        + "]";
  }
}
