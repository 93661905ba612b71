package dev.keyshell.aws;

import dev.keyshell.core.AwsFiles;
import dev.keyshell.core.BoundedFiles;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Where the AWS CLI keeps its shared files: {@code AWS_CONFIG_FILE} else {@code ~/.aws/config},
 * {@code AWS_SHARED_CREDENTIALS_FILE} else {@code ~/.aws/credentials}, as every AWS SDK does.
 *
 * <p>Read the way the AWS CLI (botocore) reads them where the cross-SDK parser is stricter, since
 * keyshell must pick the identity {@code aws} would: a quoted name ({@code [profile "dev"]}) is the
 * profile {@code dev}, and a malformed section is set aside instead of failing every profile (only
 * the chain being resolved is judged: DESIGN "Provisioning aws", step 3).
 */
public record AwsConfigFiles(Path config, Path credentials) {
  /** A section header of the config file naming a profile in quotes, as botocore's shlex reads. */
  private static final Pattern QUOTED_PROFILE =
      Pattern.compile("^(\\s*\\[\\s*profile\\s+)([\"'])([A-Za-z0-9_\\-/.%@:+]+)\\2(\\s*\\].*)$");

  private static final Pattern LINE_NUMBER = Pattern.compile("on line (\\d+)");

  /** The most malformed sections set aside before the file is judged unreadable as a whole. */
  private static final int MAX_SET_ASIDE = 64;

  public static AwsConfigFiles of(Env env) {
    return new AwsConfigFiles(AwsFiles.config(env), AwsFiles.credentials(env));
  }

  /** Both files parsed, and the sections that were set aside as malformed. */
  public record Loaded(ProfileFile profileFile, Map<String, String> malformed) {}

  /** Reads both files (a missing file is an empty one), setting malformed sections aside. */
  public ProfileFile load() {
    return loadAll().profileFile();
  }

  /** Like {@link #load}, also naming each malformed profile with the parser's reason. */
  public Loaded loadAll() {
    Map<String, String> malformed = new HashMap<>();
    ProfileFile creds = parse(credentials, ProfileFile.Type.CREDENTIALS, malformed);
    ProfileFile conf = parse(config, ProfileFile.Type.CONFIGURATION, malformed);
    // The first file added wins a duplicate property, and the credentials file must win.
    ProfileFile all = ProfileFile.aggregator().addFile(creds).addFile(conf).build();
    return new Loaded(all, Map.copyOf(malformed));
  }

  private static ProfileFile parse(
      Path file, ProfileFile.Type type, Map<String, String> malformed) {
    String[] lines = read(file).split("\n", -1);
    if (type == ProfileFile.Type.CONFIGURATION) {
      for (int i = 0; i < lines.length; i++) {
        Matcher m = QUOTED_PROFILE.matcher(lines[i]);
        if (m.matches()) {
          lines[i] = m.group(1) + m.group(3) + m.group(4);
        }
      }
    }
    for (int attempt = 0; ; attempt++) {
      try {
        byte[] content = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        return ProfileFile.builder().content(new ByteArrayInputStream(content)).type(type).build();
      } catch (RuntimeException e) {
        // The SDK's messages name the line ("Expected an '=' sign ... on line 2"), never its text.
        String reason = oneLine(e.getMessage());
        Matcher at = LINE_NUMBER.matcher(reason);
        if (attempt >= MAX_SET_ASIDE || !at.find()) {
          throw new KeyshellException(
              "cannot parse " + file + ": " + reason,
              "fix that line (the format:"
                  + " https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html)",
              e);
        }
        int line = Integer.parseInt(at.group(1)) - 1;
        String name = setAside(lines, Math.min(Math.max(line, 0), lines.length - 1), type);
        if (name != null) {
          malformed.putIfAbsent(name, "cannot parse " + file + ": " + reason);
        }
      }
    }
  }

  /**
   * Blanks the section that holds line {@code at} (line numbers stay as they were), and returns the
   * profile it defined, or null for lines before any section or a section that is no profile.
   */
  private static String setAside(String[] lines, int at, ProfileFile.Type type) {
    int start = at;
    while (start >= 0 && !isHeader(lines[start])) {
      start--;
    }
    int end = at + 1;
    while (end < lines.length && !isHeader(lines[end])) {
      end++;
    }
    String name = start < 0 ? null : profileName(lines[start], type);
    for (int i = Math.max(start, 0); i < end; i++) {
      lines[i] = "";
    }
    if (start < 0 && at < lines.length && !lines[at].isEmpty()) {
      lines[at] = "";
    }
    return name;
  }

  private static boolean isHeader(String line) {
    return line.stripLeading().startsWith("[");
  }

  /** The profile a section header names in this kind of file, or null when it names none. */
  static String profileName(String header, ProfileFile.Type type) {
    String h = header.strip();
    int close = h.indexOf(']');
    String inner = (close < 0 ? h.substring(1) : h.substring(1, close)).strip();
    if (type == ProfileFile.Type.CREDENTIALS) {
      return inner;
    }
    if (inner.equals("default")) {
      return inner;
    }
    if (inner.startsWith("profile ") || inner.startsWith("profile\t")) {
      String name = inner.substring("profile".length()).strip();
      if (name.length() > 1
          && (name.charAt(0) == '"' || name.charAt(0) == '\'')
          && name.charAt(name.length() - 1) == name.charAt(0)) {
        name = name.substring(1, name.length() - 1);
      }
      return name;
    }
    return null;
  }

  private static String read(Path file) {
    try {
      return new String(BoundedFiles.read(file, BoundedFiles.CONFIG_MAX), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot read " + file + ": " + e.getMessage(), "check the file's permissions", e);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "malformed" : message.replaceAll("\\s+", " ").trim();
  }
}
