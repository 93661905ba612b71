package dev.keyshell.plugin;

import java.util.List;

/**
 * When a wrapped executable needs credentials, as composable values (1Password shell-plugins'
 * {@code needsauth.IfAll(NotForHelpOrVersion(), NotWithoutArgs())}). Records, not lambdas: they are
 * built on the warm path of every command.
 */
public sealed interface NeedsAuth
    permits NeedsAuth.IfAll,
        NeedsAuth.NotWithoutArgs,
        NeedsAuth.NotForHelpOrVersion,
        NeedsAuth.NotForCommands {

  /** Whether {@code args} (the executable's arguments, without its name) needs credentials. */
  boolean test(List<String> args);

  /** Credentials only when every rule says so. */
  static NeedsAuth ifAll(NeedsAuth... rules) {
    return new IfAll(List.of(rules));
  }

  /** See {@link #ifAll}. */
  record IfAll(List<NeedsAuth> rules) implements NeedsAuth {
    @Override
    public boolean test(List<String> args) {
      for (NeedsAuth rule : rules) {
        if (!rule.test(args)) {
          return false;
        }
      }
      return true;
    }
  }

  /** No credentials for the bare executable (it prints its usage). */
  record NotWithoutArgs() implements NeedsAuth {
    @Override
    public boolean test(List<String> args) {
      return !args.isEmpty();
    }
  }

  /**
   * No credentials when a help flag appears anywhere, a version flag appears anywhere, or a version
   * word is the only argument.
   */
  record NotForHelpOrVersion(
      List<String> helpAnywhere, List<String> versionAnywhere, List<String> versionAlone)
      implements NeedsAuth {
    @Override
    public boolean test(List<String> args) {
      for (String a : args) {
        if (a.equals("--")) {
          break;
        }
        if (helpAnywhere.contains(a) || versionAnywhere.contains(a)) {
          return false;
        }
      }
      return !(args.size() == 1 && versionAlone.contains(args.get(0)));
    }
  }

  /**
   * No credentials for these commands (the first word that is not an option; {@code valuedOptions}
   * are global options whose value is skipped), except the two-word commands of {@code except},
   * such as {@code configure export-credentials}.
   */
  record NotForCommands(List<String> commands, List<String> except, List<String> valuedOptions)
      implements NeedsAuth {
    @Override
    public boolean test(List<String> args) {
      String first = null;
      String second = null;
      for (int i = 0; i < args.size(); i++) {
        String a = args.get(i);
        if (a.equals("--")) {
          break;
        }
        if (valuedOptions.contains(a)) {
          i++;
        } else if (!a.startsWith("-")) {
          if (first == null) {
            first = a;
          } else {
            second = a;
            break;
          }
        }
      }
      if (first == null || !commands.contains(first)) {
        return true;
      }
      return second != null && except.contains(first + " " + second);
    }
  }
}
