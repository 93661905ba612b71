package dev.keyshell.setup;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.setup.CredentialsLine.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an AWS shared credentials file the way the SDKs do (the cross-SDK profile parser spec,
 * conformance/profile/profile-parser-tests.json), remembering each line's byte range so the file
 * can later be edited without touching any other byte.
 *
 * <p>Works on bytes: lines end at LF, CRLF or a lone CR (as Java's line readers do), and those
 * bytes never occur inside a UTF-8 sequence. Error messages name the line number, never its text,
 * because the line may hold a secret.
 */
final class CredentialsParser {
  private static final Pattern BLANK = Pattern.compile("[\t ]*");
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_\\-/.%@:+]+");

  private final String source;
  private final List<CredentialsLine> lines = new ArrayList<>();
  private final Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
  private int lineNumber;
  private int block;
  private String profile;
  private boolean ignoringProfile;
  private String property;
  private boolean ignoringProperty;
  private boolean subProperties;

  private CredentialsParser(String source) {
    this.source = source;
  }

  /** The parse of a whole file: every line, and the profiles with their merged properties. */
  record Parsed(List<CredentialsLine> lines, Map<String, Map<String, String>> profiles) {}

  /** Parses {@code bytes}; {@code source} names the file in error messages. */
  static Parsed parse(byte[] bytes, String source) {
    CredentialsParser parser = new CredentialsParser(source);
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
        end++;
      }
      int next = end;
      if (next < bytes.length) {
        next += bytes[next] == '\r' && next + 1 < bytes.length && bytes[next + 1] == '\n' ? 2 : 1;
      }
      String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
      if (start == 0 && text.startsWith("\uFEFF")) {
        text = text.substring(1); // a byte-order mark some Windows editors write
      }
      parser.line(start, next, text);
      start = next;
    }
    return new Parsed(List.copyOf(parser.lines), Collections.unmodifiableMap(parser.profiles));
  }

  private void line(int start, int end, String text) {
    lineNumber++;
    Kind kind;
    if (BLANK.matcher(text).matches()) {
      kind = Kind.BLANK;
    } else if (text.startsWith("#") || text.startsWith(";")) {
      kind = Kind.COMMENT;
    } else if (text.startsWith("[")) {
      kind = header(text);
    } else if (text.startsWith(" ") || text.startsWith("\t")) {
      kind = continuation(text);
    } else {
      kind = property(text);
    }
    String key = kind == Kind.PROPERTY || kind == Kind.CONTINUATION ? property : null;
    lines.add(new CredentialsLine(start, end, kind, block, ignoringProfile ? null : profile, key));
  }

  private Kind header(String text) {
    // A header's comment needs no space before it: "[foo]; note" is fine.
    String bare = cutAt(text, "#", ";").trim();
    if (!bare.endsWith("]")) {
      throw error("Profile definition must end with ']'");
    }
    String name = bare.substring(1, bare.length() - 1).trim();
    block++;
    property = null;
    ignoringProperty = false;
    // The credentials file has no "profile " prefix: "[profile foo]" is an invalid name, ignored.
    ignoringProfile = !IDENTIFIER.matcher(name).matches();
    if (!ignoringProfile) {
      profile = name;
      profiles.computeIfAbsent(name, n -> new LinkedHashMap<>()); // duplicates merge
    }
    return Kind.HEADER;
  }

  private Kind property(String text) {
    if (ignoringProfile) {
      return Kind.IGNORED;
    }
    if (profile == null) {
      throw error("Expected a profile definition");
    }
    // A value's comment needs whitespace before it: "value;x" keeps ";x" in the value.
    String bare = cutAt(text, " #", " ;", "\t#", "\t;").trim();
    String[] kv = keyValue(bare, "property");
    if (!IDENTIFIER.matcher(kv[0]).matches()) {
      ignoringProperty = true;
      return Kind.IGNORED;
    }
    property = kv[0].toLowerCase(Locale.ROOT);
    ignoringProperty = false;
    subProperties = kv[1].isEmpty();
    profiles.get(profile).put(property, kv[1]); // the last definition wins
    return Kind.PROPERTY;
  }

  private Kind continuation(String text) {
    if (ignoringProfile || ignoringProperty) {
      return Kind.IGNORED;
    }
    if (profile == null) {
      throw error("Expected a profile definition");
    }
    if (property == null) {
      throw error("Expected a property definition, found continuation");
    }
    String value = text.trim(); // comments are part of a continued value
    if (subProperties) {
      keyValue(value, "sub-property");
    }
    profiles.get(profile).merge(property, value, (old, more) -> old + "\n" + more);
    return Kind.CONTINUATION;
  }

  private String[] keyValue(String text, String what) {
    int eq = text.indexOf('=');
    if (eq < 0) {
      throw error("Expected an '=' sign defining a " + what);
    }
    String key = text.substring(0, eq).trim();
    if (key.isEmpty()) {
      throw error(
          Character.toUpperCase(what.charAt(0)) + what.substring(1) + " did not have a name");
    }
    return new String[] {key, text.substring(eq + 1).trim()};
  }

  private static String cutAt(String text, String... markers) {
    int cut = text.length();
    for (String marker : markers) {
      int at = text.indexOf(marker);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return text.substring(0, cut);
  }

  private KeyshellException error(String reason) {
    return new KeyshellException(
        "cannot read " + source + ": " + reason + " on line " + lineNumber,
        "fix that line so the AWS CLI can read the file (try: aws configure list)");
  }
}
