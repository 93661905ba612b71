package dev.keyshell.aws;

import java.time.Instant;

/**
 * Readable default role session names, {@code keyshell-<user>-<epochseconds>}, within STS's rules:
 * 2 to 64 characters of {@code [\w+=,.@-]}. They show in CloudTrail, so they say who and when.
 */
public final class RoleSessionNames {
  private static final int MAX = 64;

  private RoleSessionNames() {}

  public static String of(String user, Instant when) {
    String suffix = "-" + when.getEpochSecond();
    String who = user == null ? "" : user.replaceAll("[^\\w+=,.@-]", "-");
    int room = MAX - "keyshell-".length() - suffix.length();
    if (who.length() > room) {
      who = who.substring(0, room);
    }
    return who.isEmpty() ? "keyshell" + suffix : "keyshell-" + who + suffix;
  }
}
