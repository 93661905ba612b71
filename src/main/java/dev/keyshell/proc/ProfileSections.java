package dev.keyshell.proc;

import dev.keyshell.core.AwsFiles;
import dev.keyshell.core.BoundedFiles;
import dev.keyshell.core.Env;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Whether the AWS files define a profile at all. keyshell's root profiles need not exist in them
 * (the keys come from the item, and {@code --remove-plaintext} may have taken the last of a
 * section), but the AWS CLI refuses an {@code AWS_PROFILE} it cannot find even when it has
 * credentials: "The config profile (work) could not be found". A header scan, no parser: it runs on
 * the warm path.
 */
final class ProfileSections {
  private ProfileSections() {}

  static boolean defined(Env env, String profile) {
    return has(AwsFiles.config(env), profile, true)
        || has(AwsFiles.credentials(env), profile, false);
  }

  private static boolean has(Path file, String profile, boolean config) {
    String text;
    try {
      text = new String(BoundedFiles.read(file, BoundedFiles.CONFIG_MAX), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return false;
    }
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      String line = text.substring(start, end).trim();
      start = end + 1;
      if (!line.startsWith("[")) {
        continue;
      }
      int close = line.indexOf(']');
      if (close < 0) {
        continue;
      }
      String name = line.substring(1, close).trim();
      if (config && name.startsWith("profile ")) {
        name = name.substring("profile ".length()).trim();
        // [profile "dev"] is dev, as botocore reads it (see AwsConfigFiles).
        if (name.length() > 1
            && (name.charAt(0) == '"' || name.charAt(0) == '\'')
            && name.charAt(name.length() - 1) == name.charAt(0)) {
          name = name.substring(1, name.length() - 1);
        }
      } else if (config && !name.equals("default")) {
        continue; // [name] in the config file is only a profile for default
      }
      if (name.equals(profile)) {
        return true;
      }
    }
    return false;
  }
}
