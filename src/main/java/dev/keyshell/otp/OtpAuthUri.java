package dev.keyshell.otp;

import dev.keyshell.core.KeyshellException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An {@code otpauth://} key URI as Google Authenticator's Key-Uri-Format defines it, parsed but not
 * yet judged fit for AWS (see {@link TotpSecret}).
 */
public record OtpAuthUri(
    String type,
    Optional<String> issuer,
    String account,
    String secret,
    String algorithm,
    int digits,
    int period,
    Optional<Long> counter) {

  static final String SCHEME = "otpauth://";

  /** Whether {@code value} looks like a key URI rather than a bare secret. */
  public static boolean isUri(String value) {
    return value != null && value.trim().regionMatches(true, 0, SCHEME, 0, SCHEME.length());
  }

  /** Parses a key URI; every refusal names the problem, never the secret. */
  public static OtpAuthUri parse(String value) {
    URI uri;
    try {
      uri = new URI(value.trim());
    } catch (URISyntaxException e) {
      throw invalid("it is not a valid URI");
    }
    String type = Optional.ofNullable(uri.getHost()).orElse("").toLowerCase(Locale.ROOT);
    if (!type.equals("totp") && !type.equals("hotp")) {
      throw invalid("its type must be totp or hotp");
    }
    Map<String, String> query = query(uri.getRawQuery());
    String secret = query.get("secret");
    if (secret == null || secret.isBlank()) {
      throw invalid("it has no secret parameter");
    }
    String label = Optional.ofNullable(uri.getPath()).orElse("").replaceFirst("^/", "");
    Optional<String> issuer = Optional.ofNullable(query.get("issuer")).filter(s -> !s.isBlank());
    String account = label;
    int colon = label.indexOf(':');
    if (colon >= 0) {
      // The issuer parameter wins over the label's prefix, as most authenticator apps do.
      issuer = issuer.or(() -> Optional.of(label.substring(0, colon).trim()));
      account = label.substring(colon + 1).trim();
    }
    Optional<Long> counter =
        Optional.ofNullable(query.get("counter")).map(c -> number(c, "counter"));
    if (type.equals("hotp") && counter.isEmpty()) {
      throw invalid("an hotp URI requires a counter parameter");
    }
    return new OtpAuthUri(
        type,
        issuer,
        account,
        secret,
        query.getOrDefault("algorithm", "SHA1").toUpperCase(Locale.ROOT),
        small(query.getOrDefault("digits", "6"), "digits"),
        small(query.getOrDefault("period", "30"), "period"),
        counter);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String key = decode(pair.substring(0, eq)).toLowerCase(Locale.ROOT);
        params.put(key, decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  private static String decode(String s) {
    // Not form encoding: a '+' in a key URI is a literal plus, not a space.
    try {
      return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("it holds a malformed %-escape");
    }
  }

  /** A digits or period value: a small number, never one that overflows what reads it. */
  private static int small(String value, String name) {
    long n = number(value, name);
    if (n < 1 || n > 3600) {
      throw invalid("its " + name + " parameter (" + n + ") is out of range");
    }
    return (int) n;
  }

  private static long number(String value, String name) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw invalid("its " + name + " parameter is not a number");
    }
  }

  static KeyshellException invalid(String reason) {
    return new KeyshellException(
        "the one-time password is an otpauth:// URI that cannot be used: " + reason,
        "store the TOTP secret of the AWS virtual MFA device (an otpauth:// URI or base32)");
  }

  /** Never the secret. */
  @Override
  public String toString() {
    return "OtpAuthUri[" + type + ", " + issuer.orElse("") + ":" + account + "]";
  }
}
