package dev.keyshell.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A wrapped executable's argv as keyshell reads it: whether it needs credentials at all (its
 * plugin's needs-auth rules), and the profile flag to provision for, removed from argv so that it
 * can be passed on as {@code AWS_PROFILE}.
 */
public record PluginArgs(boolean needsAuth, Optional<String> profile, List<String> argv) {

  /** Reads {@code args} (without the executable); a profile flag after {@code --} is left alone. */
  public static PluginArgs parse(Executable exe, List<String> args) {
    if (!exe.needsAuth().test(args)) {
      return new PluginArgs(false, Optional.empty(), args);
    }
    String flag = exe.profileFlag();
    if (flag == null) {
      return new PluginArgs(true, Optional.empty(), args);
    }
    String profile = null;
    List<String> kept = new ArrayList<>(args.size());
    boolean endOfOptions = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (endOfOptions) {
        kept.add(a);
      } else if (a.equals("--")) {
        endOfOptions = true;
        kept.add(a);
      } else if (a.equals(flag) && i + 1 < args.size()) {
        profile = args.get(++i);
      } else if (a.startsWith(flag + "=")) {
        profile = a.substring(flag.length() + 1);
      } else {
        kept.add(a);
      }
    }
    return new PluginArgs(
        true, profile == null || profile.isEmpty() ? Optional.empty() : Optional.of(profile), kept);
  }
}
