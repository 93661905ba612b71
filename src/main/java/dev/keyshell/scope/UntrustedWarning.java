package dev.keyshell.scope;

import dev.keyshell.core.Display;
import dev.keyshell.core.ShellQuote;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The two lines every command that provisions prints for a directory default it ignores: which
 * file, and the {@code keyshell plugin trust} line to paste, its directory quoted for the shell.
 */
public final class UntrustedWarning {
  private UntrustedWarning() {}

  /** Prints the warning for each untrusted file of {@code found}. */
  public static void print(List<ScopeLocator.Found> found, PrintStream err) {
    for (ScopeLocator.Found f : found) {
      if (!f.trusted()) {
        for (String line : lines(f.path())) {
          err.println(line);
        }
      }
    }
  }

  /** The warning for the directory default {@code scopeFile} ({@code DIR/.keyshell/plugins/X}). */
  public static List<String> lines(Path scopeFile) {
    String dir = scopeFile.getParent().getParent().getParent().toString();
    String ignoring =
        "keyshell: ignoring "
            + Display.controls(scopeFile.toString())
            + ": it was not set up by keyshell on this machine (or changed since)";
    if (!ShellQuote.pasteable(dir)) {
      return List.of(
          ignoring,
          "hint: its directory's name holds control characters; keyshell will not trust it");
    }
    return List.of(
        ignoring, "hint: if you trust it, run: keyshell plugin trust " + ShellQuote.quote(dir));
  }
}
