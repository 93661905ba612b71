package dev.keyshell.plugin;

import dev.keyshell.item.AwsKeys;
import java.util.List;
import java.util.Optional;

/** The plugins keyshell knows. */
public final class Plugins {
  public static final Plugin AWS =
      new Plugin(
          "aws",
          "AWS",
          List.of("aws"),
          new Plugin.CredentialType(
              "access_key",
              "Access Key",
              List.of(
                  new Plugin.FieldSpec(AwsKeys.ACCESS_KEY_ID, false, false),
                  new Plugin.FieldSpec(AwsKeys.SECRET_ACCESS_KEY, true, false),
                  new Plugin.FieldSpec(AwsKeys.DEFAULT_REGION, false, true),
                  new Plugin.FieldSpec(AwsKeys.ONE_TIME_PASSWORD, true, true),
                  new Plugin.FieldSpec(AwsKeys.MFA_SERIAL, false, true))));

  private static final List<Plugin> ALL = List.of(AWS);

  private Plugins() {}

  public static List<Plugin> all() {
    return ALL;
  }

  public static Optional<Plugin> named(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
