package dev.keyshell.aws;

import dev.keyshell.core.Display;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Checks what STS will be called at, before any MFA code is computed: the endpoint the SDK would
 * pick ({@code AWS_ENDPOINT_URL_STS}, else {@code AWS_ENDPOINT_URL}, else the profile's {@code
 * endpoint_url}) must be an http(s) URL, plain http only to this machine unless {@value
 * #ALLOW_INSECURE} is 1 (an MFA code sent in clear to another host is a code someone else can use);
 * the region must be a region name, not a host name of the caller's making.
 */
final class StsEndpoint {
  /** Opt-in for a plain-http STS endpoint on another host (a LocalStack on the LAN). */
  static final String ALLOW_INSECURE = "KEYSHELL_ALLOW_INSECURE_ENDPOINT";

  private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private StsEndpoint() {}

  /** The endpoint STS will be called at, when one is configured; checked. */
  static Optional<URI> configured(Env env, ProfileFile profileFile, String profile) {
    for (String variable : new String[] {"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"}) {
      Optional<String> v = env.get(variable).filter(s -> !s.isBlank());
      if (v.isPresent()) {
        return Optional.of(check(v.get(), variable, env));
      }
    }
    Optional<String> fromProfile =
        profileFile.profile(profile).flatMap(p -> p.property("endpoint_url"));
    return fromProfile.map(
        url -> check(url, "endpoint_url in profile " + Display.text(profile), env));
  }

  /**
   * {@code url} as a URI when STS may be called there; else a one-line error naming {@code source}.
   */
  static URI check(String url, String source, Env env) {
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw malformed(url, source, "malformed");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw malformed(url, source, "not http or https");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw malformed(url, source, "no host name");
    }
    if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
      throw malformed(url, source, "port out of range");
    }
    if (scheme.equals("http")
        && !loopback(uri.getHost())
        && !"1".equals(env.vars().get(ALLOW_INSECURE))) {
      throw new KeyshellException(
          source
              + " is plain http to "
              + Display.text(uri.getHost())
              + ": the MFA code and the new session's keys would cross the network unencrypted",
          "use https, or set " + ALLOW_INSECURE + "=1 if this endpoint is meant (a test STS)");
    }
    return uri;
  }

  /**
   * {@code region} when it is a region name; a name like {@code x.evil.com/#} would make the SDK
   * build STS's host name from it.
   */
  static String checkRegion(String region, String source) {
    if (!REGION.matcher(region).matches()) {
      throw new KeyshellException(
          "the region '" + Display.text(region) + "' (" + source + ") is not an AWS region name",
          "use a name such as eu-west-1 (lowercase letters, digits and dashes)");
    }
    return region;
  }

  private static boolean loopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.equalsIgnoreCase("localhost")) {
      return true;
    }
    // Only literal addresses: a name is never resolved here, so DNS cannot make a host loopback.
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false;
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static KeyshellException malformed(String url, String source, String why) {
    return new KeyshellException(
        source + " is not a usable STS URL (" + why + "): " + Display.text(url),
        "set it to the STS endpoint's URL, e.g. https://sts.eu-west-1.amazonaws.com, or unset it");
  }
}
