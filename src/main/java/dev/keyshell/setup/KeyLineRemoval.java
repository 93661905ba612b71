package dev.keyshell.setup;

import dev.keyshell.setup.CredentialsLine.Kind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts a profile's key lines out of a credentials file, line by line, copying every other byte as
 * it was. The rules are the user-facing ones of docs/import.md.
 */
final class KeyLineRemoval {
  private KeyLineRemoval() {}

  /**
   * {@code bytes} without the lines of {@code profile} whose property is one of {@code keys} (with
   * their continuations), in every section of that name. A section left with no settings loses its
   * header; if it holds no comment line either, it goes whole, blank lines included. A comment line
   * anywhere that holds one of {@code secrets} (a commented-out copy of the key) goes too.
   */
  static byte[] remove(
      byte[] bytes,
      List<CredentialsLine> lines,
      String profile,
      Set<String> keys,
      Set<String> secrets) {
    Set<CredentialsLine> drop = new HashSet<>();
    Set<Integer> touched = new HashSet<>();
    for (CredentialsLine line : lines) {
      if (profile.equals(line.profile()) && line.key() != null && keys.contains(line.key())) {
        drop.add(line);
        touched.add(line.block());
      } else if (line.kind() == Kind.COMMENT && holdsAny(bytes, line, secrets)) {
        drop.add(line); // "# old: aws_secret_access_key = ..." would keep the secret on disk
      }
    }
    for (int block : touched) {
      List<CredentialsLine> rest =
          lines.stream()
              .filter(l -> l.block() == block && l.kind() != Kind.HEADER && !drop.contains(l))
              .toList();
      // Anything the AWS parser reads (even an ignored setting) needs its header to stay put.
      if (rest.stream().allMatch(CredentialsLine::isLayout)) {
        boolean comments = rest.stream().anyMatch(l -> l.kind() == Kind.COMMENT);
        lines.stream()
            .filter(l -> l.block() == block && (l.kind() == Kind.HEADER || !comments))
            .forEach(drop::add);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
    for (CredentialsLine line : lines) {
      if (!drop.contains(line)) {
        out.write(bytes, line.start(), line.end() - line.start());
      }
    }
    return out.toByteArray();
  }

  private static boolean holdsAny(byte[] bytes, CredentialsLine line, Set<String> secrets) {
    String text =
        new String(bytes, line.start(), line.end() - line.start(), StandardCharsets.UTF_8);
    for (String secret : secrets) {
      if (!secret.isEmpty() && text.contains(secret)) {
        return true;
      }
    }
    return false;
  }
}
