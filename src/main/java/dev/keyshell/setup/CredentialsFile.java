package dev.keyshell.setup;

import dev.keyshell.core.BoundedFiles;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import dev.keyshell.core.SecureFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS shared credentials file as it was read: the long-lived keys it holds, for {@code
 * --import-profile}, and the same file with one profile's keys taken out, for {@code
 * --remove-plaintext}, every other byte kept as it was (see docs/import.md).
 */
public final class CredentialsFile {
  static final String ACCESS_KEY_ID = "aws_access_key_id";
  static final String SECRET_ACCESS_KEY = "aws_secret_access_key";
  static final String SESSION_TOKEN = "aws_session_token";
  // The older name botocore still reads for the session token.
  static final String SECURITY_TOKEN = "aws_security_token";
  private static final Set<String> KEY_LINES =
      Set.of(ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, SECURITY_TOKEN);

  private final Path path;
  private final byte[] bytes;
  private final CredentialsParser.Parsed parsed;

  /** Parses {@code bytes}, the content of {@code path}; a malformed file is refused. */
  /** Shorter values are not looked for in comments: a secret key is 40 characters. */
  private static final int MIN_SECRET = 16;

  public CredentialsFile(Path path, byte[] bytes) {
    this.path = path;
    this.bytes = bytes.clone();
    this.parsed = CredentialsParser.parse(this.bytes, path.toString());
  }

  /**
   * Where the AWS tools look: {@code AWS_SHARED_CREDENTIALS_FILE}, else {@code ~/.aws/credentials}.
   */
  public static Path location(Env env) {
    return dev.keyshell.core.AwsFiles.credentials(env);
  }

  /** Reads and parses the file at {@code path}. Its permissions are the user's: not judged here. */
  public static CredentialsFile load(Path path) {
    try {
      return new CredentialsFile(path, BoundedFiles.read(path, BoundedFiles.CONFIG_MAX));
    } catch (NoSuchFileException e) {
      throw new KeyshellException(
          "there is no AWS credentials file at " + path,
          "set AWS_SHARED_CREDENTIALS_FILE to the file, or use --import-env or --item instead");
    } catch (AccessDeniedException e) {
      throw new KeyshellException(
          "cannot read " + path + ": permission denied", "check the file's owner and mode");
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot read " + path + ": " + e.getMessage(), "check that it is a readable file");
    }
  }

  public Path path() {
    return path;
  }

  /** Every section with an {@code aws_access_key_id}, in the order they first appear. */
  public List<ProfileKeys> profiles() {
    List<ProfileKeys> out = new ArrayList<>();
    parsed
        .profiles()
        .forEach(
            (name, props) ->
                value(props, ACCESS_KEY_ID)
                    .ifPresent(
                        id ->
                            out.add(
                                new ProfileKeys(
                                    name, id, sessionToken(props), value(props, "region")))));
    return List.copyOf(out);
  }

  /** The long-lived keys of {@code profile}, and its region; temporary keys are refused. */
  public ImportedKeys keys(String profile) {
    Map<String, String> props = profileOrThrow(profile);
    String where = "profile '" + profile + "' in " + path;
    String id = value(props, ACCESS_KEY_ID).orElseThrow(() -> missing(where, ACCESS_KEY_ID));
    String secret =
        value(props, SECRET_ACCESS_KEY).orElseThrow(() -> missing(where, SECRET_ACCESS_KEY));
    if (sessionToken(props)) {
      throw new KeyshellException(
          where + " holds temporary credentials (it has " + SESSION_TOKEN + ") that would expire",
          "import the long-lived access key of an IAM user instead, or use --item");
    }
    ImportedKeys.requireLongLived(id, where);
    return new ImportedKeys(id, secret, value(props, "region"));
  }

  /**
   * The file without {@code profile}'s key lines ({@code aws_access_key_id}, {@code
   * aws_secret_access_key}, {@code aws_session_token}, {@code aws_security_token}, with their
   * continuation lines and line endings), in every section of that name. A section left with no
   * settings loses its header; if it holds no comment either, its blank lines go too. A comment
   * line that holds the profile's secret key or session token goes too, so "removed" is true. Every
   * other byte stays as it was.
   */
  public byte[] withoutKeys(String profile) {
    profileOrThrow(profile);
    Map<String, String> props = parsed.profiles().get(profile);
    Set<String> secrets = new HashSet<>();
    for (String key : List.of(SECRET_ACCESS_KEY, SESSION_TOKEN, SECURITY_TOKEN)) {
      value(props, key).filter(v -> v.length() >= MIN_SECRET).ifPresent(secrets::add);
    }
    byte[] result = KeyLineRemoval.remove(bytes, parsed.lines(), profile, KEY_LINES, secrets);
    checkOnlyKeysRemoved(profile, result);
    return result;
  }

  /**
   * Rewrites the file as {@link #withoutKeys}, atomically and keeping its mode. Refuses when the
   * file changed on disk since it was read, so an edit made meanwhile is never lost. A symbolic
   * link (dotfile managers) is followed: the file it points to is rewritten, the link kept.
   */
  public void removeKeys(String profile) {
    byte[] result = withoutKeys(profile);
    if (Arrays.equals(result, bytes)) {
      return;
    }
    try {
      Path target = path.toRealPath();
      // Lock the file itself, not a lock file beside it, so nothing is left behind in ~/.aws.
      // A second keyshell that locks the renamed-away file still re-reads the path below.
      try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
        channel.lock(); // released when the channel closes
        if (!Arrays.equals(Files.readAllBytes(target), bytes)) {
          throw new KeyshellException(
              path + " changed since keyshell read it; nothing was removed",
              "run the import again, or remove the keys of profile '" + profile + "' by hand");
        }
        SecureFiles.rewriteKeepingMode(target, result);
      }
    } catch (NoSuchFileException e) {
      throw new KeyshellException(
          path + " was removed since keyshell read it; nothing was removed", "check the file");
    } catch (AccessDeniedException e) {
      throw new KeyshellException(
          "cannot rewrite " + path + ": permission denied",
          "make it writable (chmod u+w), or remove the keys of profile '" + profile + "' by hand");
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot rewrite " + path + ": " + e.getMessage(),
          "remove the keys of profile '" + profile + "' by hand");
    }
  }

  /**
   * The file with {@code profile}'s key lines added: right after the header of its first section,
   * or in a new section at the end. Every existing byte stays as it was, except a missing final
   * newline, which the new section needs; lines end as the file's own do (CRLF or LF). A section
   * that already holds a key is refused: restore never overwrites.
   */
  public byte[] withKeys(String profile, String accessKeyId, String secretAccessKey) {
    Map<String, String> props = parsed.profiles().get(profile);
    if (props != null
        && (props.containsKey(ACCESS_KEY_ID) || props.containsKey(SECRET_ACCESS_KEY))) {
      throw new KeyshellException(
          "profile '" + profile + "' in " + path + " already has keys; nothing was written",
          "remove them first, or restore into another profile (--profile NAME)");
    }
    String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    String eol = text.contains("\r\n") ? "\r\n" : "\n";
    String keyLines =
        ACCESS_KEY_ID
            + " = "
            + accessKeyId
            + eol
            + SECRET_ACCESS_KEY
            + " = "
            + secretAccessKey
            + eol;
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    if (props != null) {
      for (CredentialsLine line : parsed.lines()) {
        if (line.kind() == CredentialsLine.Kind.HEADER && profile.equals(line.profile())) {
          boolean terminated = line.end() > line.start() && bytes[line.end() - 1] == '\n';
          out.write(bytes, 0, line.end());
          if (!terminated) {
            out.writeBytes(eol.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          }
          out.writeBytes(keyLines.getBytes(java.nio.charset.StandardCharsets.UTF_8));
          out.write(bytes, line.end(), bytes.length - line.end());
          return out.toByteArray();
        }
      }
    }
    out.writeBytes(bytes);
    if (bytes.length > 0 && bytes[bytes.length - 1] != '\n') {
      out.writeBytes(eol.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    out.writeBytes(
        ("[" + profile + "]" + eol + keyLines).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * Writes {@link #withKeys} to the file, atomically and keeping its mode (a new file is 0600);
   * refuses when the file changed since it was read. A symbolic link is followed.
   */
  public void restoreKeys(String profile, String accessKeyId, String secretAccessKey) {
    byte[] result = withKeys(profile, accessKeyId, secretAccessKey);
    try {
      if (!Files.exists(path)) {
        Files.createDirectories(path.getParent());
        SecureFiles.writeAtomically(path, result);
        return;
      }
      Path target = path.toRealPath();
      try (FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE)) {
        channel.lock();
        if (!Arrays.equals(Files.readAllBytes(target), bytes)) {
          throw new KeyshellException(
              path + " changed since keyshell read it; nothing was written", "run it again");
        }
        SecureFiles.rewriteKeepingMode(target, result);
      }
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot write " + path + ": " + e.getMessage(), "check that the file is writable");
    } finally {
      Arrays.fill(result, (byte) 0);
    }
  }

  /** The file at {@code path}, or an empty one when there is none yet. */
  public static CredentialsFile loadOrEmpty(Path path) {
    return Files.exists(path) ? load(path) : new CredentialsFile(path, new byte[0]);
  }

  /** Every profile's parsed properties, lower-case keys, duplicates merged. */
  Map<String, Map<String, String>> properties() {
    return parsed.profiles();
  }

  // The edit works line by line; re-reading the result proves it changed nothing else.
  private void checkOnlyKeysRemoved(String profile, byte[] result) {
    Map<String, Map<String, String>> expected = new LinkedHashMap<>(parsed.profiles());
    Map<String, String> kept = new LinkedHashMap<>(expected.remove(profile));
    kept.keySet().removeAll(KEY_LINES);
    Map<String, Map<String, String>> actual =
        new LinkedHashMap<>(CredentialsParser.parse(result, path.toString()).profiles());
    Map<String, String> keptActual = actual.remove(profile);
    if (!expected.equals(actual) || !kept.equals(keptActual == null ? Map.of() : keptActual)) {
      throw new KeyshellException(
          "refusing to edit " + path + ": removing the keys would change other settings",
          "remove the keys of profile '" + profile + "' by hand");
    }
  }

  private Map<String, String> profileOrThrow(String profile) {
    Map<String, String> props = parsed.profiles().get(profile);
    if (props == null) {
      throw new KeyshellException("there is no profile '" + profile + "' in " + path, choose());
    }
    return props;
  }

  private KeyshellException missing(String where, String key) {
    return new KeyshellException(where + " has no " + key, choose());
  }

  // Names only: the hint lists where keys are, never what they are.
  private String choose() {
    List<String> names = profiles().stream().map(ProfileKeys::profile).toList();
    return names.isEmpty()
        ? "the file holds no aws_access_key_id; use --import-env or --item instead"
        : "profiles with keys: " + String.join(", ", names);
  }

  private static boolean sessionToken(Map<String, String> props) {
    return value(props, SESSION_TOKEN).or(() -> value(props, SECURITY_TOKEN)).isPresent();
  }

  private static Optional<String> value(Map<String, String> props, String key) {
    return Optional.ofNullable(props.get(key)).filter(v -> !v.isBlank());
  }

  @Override
  public String toString() {
    return "CredentialsFile[" + path + "]";
  }
}
