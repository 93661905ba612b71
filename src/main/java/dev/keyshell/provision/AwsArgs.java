package dev.keyshell.provision;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The AWS CLI's argv as keyshell reads it: whether it needs credentials at all (op's rules: not a
 * bare {@code aws}, not help, not version), and the {@code --profile} to provision for, removed
 * from argv so it can be passed on as {@code AWS_PROFILE}.
 */
public record AwsArgs(boolean needsAuth, Optional<String> profile, List<String> argv) {

  /** Reads {@code args} (without the executable); a profile flag after {@code --} is left alone. */
  public static AwsArgs parse(List<String> args) {
    if (args.isEmpty()) {
      return new AwsArgs(false, Optional.empty(), args);
    }
    boolean help = false;
    String profile = null;
    List<String> kept = new ArrayList<>(args.size());
    boolean endOfOptions = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (endOfOptions) {
        kept.add(a);
        continue;
      }
      if (a.equals("--")) {
        endOfOptions = true;
        kept.add(a);
      } else if (a.equals("--profile") && i + 1 < args.size()) {
        profile = args.get(++i);
      } else if (a.startsWith("--profile=")) {
        profile = a.substring("--profile=".length());
      } else {
        if (a.equals("help") || a.equals("-h") || a.equals("--help")) {
          help = true;
        }
        kept.add(a);
      }
    }
    boolean version =
        args.contains("--version")
            || args.contains("-v")
            || (args.size() == 1 && args.get(0).equals("version"));
    if (help || version) {
      return new AwsArgs(false, Optional.empty(), args);
    }
    return new AwsArgs(true, Optional.ofNullable(profile).filter(p -> !p.isEmpty()), kept);
  }
}
