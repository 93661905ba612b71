package dev.keyshell.plugin;

import java.util.Objects;

/**
 * One program a plugin wraps: its name on {@code PATH}, when it needs credentials, and the flag it
 * takes a profile by (null: none; the profile then comes from {@code AWS_PROFILE} only). A {@code
 * --profile} flag is taken out and passed on as {@code AWS_PROFILE}, so the minted credentials in
 * the environment win over the profile's own (DESIGN "Provisioning aws", step 2).
 */
public record Executable(String name, String profileFlag, NeedsAuth needsAuth) {
  public Executable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(needsAuth, "needsAuth");
  }
}
