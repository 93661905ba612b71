package dev.keyshell.plugin;

import java.util.List;

/**
 * A shell plugin described as data, as 1Password's shell-plugins do: its credential type and
 * fields, the executables it wraps (each with its needs-auth rules), where it can import a
 * credential from, and what the provisioner puts in the child's environment. {@code aws} is the
 * first; adding an executable adds one value to {@link Plugins}.
 */
public record Plugin(
    String name,
    String platform,
    CredentialType credential,
    List<Executable> executables,
    List<String> importers,
    List<String> environment) {

  /** A credential type and its fields, in the order {@code op plugin} shows them. */
  public record CredentialType(String id, String name, List<FieldSpec> fields) {}

  /** One field of a credential: its label, whether it is secret, whether it is optional. */
  public record FieldSpec(String label, boolean secret, boolean optional) {}

  /** The executable called {@code name}, or null. */
  public Executable executable(String name) {
    for (Executable e : executables) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** The executables' names, in order. */
  public List<String> executableNames() {
    String[] names = new String[executables.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = executables.get(i).name();
    }
    return List.of(names);
  }
}
