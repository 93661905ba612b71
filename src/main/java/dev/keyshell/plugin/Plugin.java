package dev.keyshell.plugin;

import java.util.List;

/**
 * A shell plugin described as data, as 1Password's shell-plugins do: which executables it wraps,
 * which credential it needs and its fields. {@code aws} is the first; adding a CLI adds a value.
 */
public record Plugin(
    String name, String platform, List<String> executables, CredentialType credential) {

  /** A credential type and its fields, in the order {@code op plugin} shows them. */
  public record CredentialType(String id, String name, List<FieldSpec> fields) {}

  /** One field of a credential: its label, whether it is secret, whether it is optional. */
  public record FieldSpec(String label, boolean secret, boolean optional) {}
}
