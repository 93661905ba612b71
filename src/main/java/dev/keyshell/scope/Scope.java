package dev.keyshell.scope;

import java.util.Locale;

/** Where a default credential applies, in precedence order: session, directory, global. */
public enum Scope {
  SESSION("session", "this terminal session only"),
  DIRECTORY("directory", "this directory and its subdirectories"),
  GLOBAL("global", "everywhere, as the global default");

  private final String id;
  private final String description;

  Scope(String id, String description) {
    this.id = id;
    this.description = description;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public static Scope parse(String s) {
    for (Scope scope : values()) {
      if (scope.id.equals(s.toLowerCase(Locale.ROOT))) {
        return scope;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope '" + s + "' (expected session, directory or global)");
  }
}
