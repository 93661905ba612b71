package dev.keyshell.plugin;

import dev.keyshell.core.Env;
import java.util.Optional;

/** The AWS profile a command is for, chosen as the AWS CLI chooses it (DESIGN step 2). */
public final class SelectedProfile {
  private SelectedProfile() {}

  /** The flag, else {@code AWS_PROFILE}, else {@code AWS_DEFAULT_PROFILE}, else {@code default}. */
  public static String of(Optional<String> flag, Env env) {
    if (flag.isPresent()) {
      return flag.get();
    }
    // A loop rather than an Optional chain: this runs on the warm path of every aws.
    for (String variable : new String[] {"AWS_PROFILE", "AWS_DEFAULT_PROFILE"}) {
      String v = env.vars().get(variable);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return "default";
  }
}
