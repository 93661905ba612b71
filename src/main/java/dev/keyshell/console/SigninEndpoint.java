package dev.keyshell.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keyshell.aws.SessionCredentials;
import dev.keyshell.core.KeyshellException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS federation endpoint: {@code getSigninToken} for a session, then the console login URL.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html">
 *     Enable custom identity broker access to the AWS console</a>
 */
final class SigninEndpoint {
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** A partition's federation endpoint and console host. */
  record Partition(String federation, String console) {
    /** By the region's prefix, as aws-vault chooses: China, GovCloud, else the commercial one. */
    static Partition of(Optional<String> region) {
      String r = region.orElse("");
      if (r.startsWith("cn-")) {
        return new Partition("https://signin.amazonaws.cn/federation", "console.amazonaws.cn");
      }
      if (r.startsWith("us-gov-")) {
        return new Partition(
            "https://signin.amazonaws-us-gov.com/federation", "console.amazonaws-us-gov.com");
      }
      return new Partition("https://signin.aws.amazon.com/federation", "console.aws.amazon.com");
    }
  }

  private final URI endpoint;
  private final HttpClient http;

  SigninEndpoint(URI endpoint, HttpClient http) {
    this.endpoint = endpoint;
    this.http = http;
  }

  static SigninEndpoint of(String endpoint) {
    URI uri;
    try {
      uri = URI.create(endpoint);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !uri.getScheme().matches("https?")) {
      throw KeyshellException.usage(
          "the sign-in endpoint is not an http(s) URL", "check KEYSHELL_SIGNIN_ENDPOINT");
    }
    return new SigninEndpoint(
        uri,
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            // A redirect would carry the session keys somewhere else.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  /** The console {@code Destination}: {@code https://CONSOLE/PATH?region=R}. */
  static String destination(Partition partition, Optional<String> path, Optional<String> region) {
    String p =
        path.map(s -> s.replaceFirst("^/+", "")).filter(s -> !s.isEmpty()).orElse("console/home");
    String d = "https://" + partition.console() + "/" + p;
    if (region.isPresent()) {
      d += (p.contains("?") ? "&" : "?") + "region=" + encode(region.get());
    }
    return d;
  }

  /** The login URL for {@code session}, landing on {@code destination}. Holds a secret. */
  String loginUrl(SessionCredentials session, String destination) {
    String token = signinToken(session);
    return endpoint
        + "?Action=login&Issuer=keyshell&Destination="
        + encode(destination)
        + "&SigninToken="
        + encode(token);
  }

  private String signinToken(SessionCredentials session) {
    Map<String, String> json = new LinkedHashMap<>();
    json.put("sessionId", session.accessKeyId());
    json.put("sessionKey", session.secretAccessKey());
    json.put("sessionToken", session.sessionToken());
    ObjectMapper mapper = new ObjectMapper();
    String host = endpoint.getHost();
    HttpResponse<String> response;
    try {
      URI uri =
          URI.create(
              endpoint
                  + "?Action=getSigninToken&Session="
                  + encode(mapper.writeValueAsString(json)));
      response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot reach the AWS sign-in endpoint "
              + host
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          "check your network, or KEYSHELL_SIGNIN_ENDPOINT");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeyshellException("interrupted while signing in", null);
    }
    if (response.statusCode() != 200) {
      throw new KeyshellException(
          "the AWS sign-in endpoint "
              + host
              + " refused the session (HTTP "
              + response.statusCode()
              + ")",
          "the console takes role sessions and IAM users' federation tokens; check the profile's"
              + " permissions");
    }
    try {
      JsonNode token = mapper.readTree(response.body()).get("SigninToken");
      if (token == null || !token.isTextual() || token.asText().isEmpty()) {
        throw new IOException("no SigninToken");
      }
      return token.asText();
    } catch (IOException e) {
      throw new KeyshellException(
          "the AWS sign-in endpoint " + host + " answered without a sign-in token",
          "check KEYSHELL_SIGNIN_ENDPOINT");
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
