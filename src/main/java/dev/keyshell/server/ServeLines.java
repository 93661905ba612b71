package dev.keyshell.server;

/** The lines {@code keyshell serve} prints: POSIX {@code export}, or fish's {@code set -x}. */
final class ServeLines {
  private ServeLines() {}

  /** For {@code shell} (a path such as $SHELL; fish gets its own syntax). */
  static String of(String shell, String uri, String token) {
    boolean fish = shell != null && (shell.equals("fish") || shell.endsWith("/fish"));
    return line(fish, ServerEnv.URI_VARIABLE, uri) + line(fish, ServerEnv.TOKEN_VARIABLE, token);
  }

  private static String line(boolean fish, String name, String value) {
    // The values are URL-safe (no quote to escape), quoted all the same.
    return fish ? "set -x " + name + " '" + value + "'\n" : "export " + name + "='" + value + "'\n";
  }
}
