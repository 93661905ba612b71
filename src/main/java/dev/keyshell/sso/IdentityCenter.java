package dev.keyshell.sso;

import dev.keyshell.aws.SessionCredentials;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AuthorizationPendingException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.RegisterClientResponse;
import software.amazon.awssdk.services.ssooidc.model.SlowDownException;
import software.amazon.awssdk.services.ssooidc.model.StartDeviceAuthorizationResponse;

/**
 * The IAM Identity Center calls keyshell makes, over the SDK's {@code ssooidc} and {@code sso}
 * clients with the URLConnection HTTP client: unsigned (the token is the credential), short
 * timeouts, few retries, failures turned into one line by {@link SsoErrors}.
 */
final class IdentityCenter implements AutoCloseable {
  static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
  static final String REFRESH_GRANT = "refresh_token";
  static final String CLIENT_NAME = "keyshell";

  private final SsoSession session;
  private final SdkHttpClient http;
  private final SsoOidcClient oidc;
  private final SsoClient portal;
  private final Clock clock;

  /** What a CreateToken poll said: a token, or wait (longer, after a slow_down). */
  sealed interface Poll {
    record Token(SsoToken token) implements Poll {}

    record Pending(boolean slowDown) implements Poll {}
  }

  /** StartDeviceAuthorization's answer; the device code is secret, the user code is shown. */
  record Device(
      String deviceCode,
      String userCode,
      String verificationUri,
      Optional<String> verificationUriComplete,
      Instant expiresAt,
      Duration interval) {
    @Override
    public String toString() {
      return "Device[" + userCode + ", expires " + expiresAt + "]";
    }
  }

  IdentityCenter(
      SsoSession session,
      ProfileFile profileFile,
      String profile,
      SsoEndpoints endpoints,
      Clock clock) {
    this.session = session;
    this.clock = clock;
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(15))
            .build();
    ClientOverrideConfiguration config =
        ClientOverrideConfiguration.builder()
            .defaultProfileFile(profileFile)
            .defaultProfileName(profile)
            .retryStrategy(
                AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3).build())
            .apiCallTimeout(Duration.ofSeconds(30))
            .build();
    var oidcBuilder = configured(SsoOidcClient.builder(), config);
    endpoints.oidc().ifPresent(oidcBuilder::endpointOverride);
    this.oidc = oidcBuilder.build();
    var portalBuilder = configured(SsoClient.builder(), config);
    endpoints.portal().ifPresent(portalBuilder::endpointOverride);
    this.portal = portalBuilder.build();
  }

  /**
   * Unsigned calls (the token is the credential) in the session's region, over keyshell's client.
   */
  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(
      B builder, ClientOverrideConfiguration config) {
    return builder
        .httpClient(http)
        .region(Region.of(session.region()))
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .overrideConfiguration(config);
  }

  SsoSession session() {
    return session;
  }

  OidcClient registerClient() {
    try {
      RegisterClientResponse r =
          oidc.registerClient(
              b -> {
                b.clientName(CLIENT_NAME).clientType("public");
                if (!session.scopes().isEmpty()) {
                  b.scopes(session.scopes());
                }
              });
      return new OidcClient(
          r.clientId(), r.clientSecret(), Instant.ofEpochSecond(r.clientSecretExpiresAt()));
    } catch (SdkException e) {
      throw SsoErrors.oidc(e, "RegisterClient", session, oidcEndpoint());
    }
  }

  Device startDeviceAuthorization(OidcClient client) {
    try {
      StartDeviceAuthorizationResponse r =
          oidc.startDeviceAuthorization(
              b ->
                  b.clientId(client.clientId())
                      .clientSecret(client.clientSecret())
                      .startUrl(session.startUrl()));
      Instant now = clock.instant();
      int interval = r.interval() == null || r.interval() < 1 ? 5 : r.interval();
      int expiresIn = r.expiresIn() == null ? 600 : r.expiresIn();
      return new Device(
          r.deviceCode(),
          r.userCode(),
          r.verificationUri(),
          Optional.ofNullable(r.verificationUriComplete()),
          now.plusSeconds(expiresIn),
          Duration.ofSeconds(interval));
    } catch (SdkException e) {
      throw SsoErrors.oidc(e, "StartDeviceAuthorization", session, oidcEndpoint());
    }
  }

  /** One CreateToken poll for the device's sign-in. */
  Poll createToken(OidcClient client, Device device) {
    try {
      CreateTokenResponse r =
          oidc.createToken(
              b ->
                  b.clientId(client.clientId())
                      .clientSecret(client.clientSecret())
                      .grantType(DEVICE_GRANT)
                      .deviceCode(device.deviceCode()));
      return new Poll.Token(token(r, Optional.empty()));
    } catch (AuthorizationPendingException e) {
      return new Poll.Pending(false);
    } catch (SlowDownException e) {
      return new Poll.Pending(true);
    } catch (SdkException e) {
      throw SsoErrors.oidc(e, "CreateToken", session, oidcEndpoint());
    }
  }

  /** A new token from the refresh token; empty when the service refuses it. */
  Optional<SsoToken> refresh(OidcClient client, SsoToken old) {
    if (old.refreshToken().isEmpty()) {
      return Optional.empty();
    }
    try {
      CreateTokenResponse r =
          oidc.createToken(
              b ->
                  b.clientId(client.clientId())
                      .clientSecret(client.clientSecret())
                      .grantType(REFRESH_GRANT)
                      .refreshToken(old.refreshToken().get()));
      return Optional.of(token(r, old.refreshToken()));
    } catch (SdkException e) {
      // Refused, expired or unreachable: a new sign-in decides (and reports the reachability).
      return Optional.empty();
    }
  }

  SessionCredentials roleCredentials(SsoToken token, String accountId, String roleName) {
    try {
      RoleCredentials c =
          portal
              .getRoleCredentials(
                  b -> b.accessToken(token.accessToken()).accountId(accountId).roleName(roleName))
              .roleCredentials();
      return new SessionCredentials(
          c.accessKeyId(),
          c.secretAccessKey(),
          c.sessionToken(),
          Instant.ofEpochMilli(c.expiration()));
    } catch (SdkException e) {
      throw SsoErrors.portal(e, session, accountId, roleName, portalEndpoint());
    }
  }

  /** Ends the token's portal session; failures are for the caller to ignore. */
  void logout(SsoToken token) {
    portal.logout(b -> b.accessToken(token.accessToken()));
  }

  private SsoToken token(CreateTokenResponse r, Optional<String> previousRefresh) {
    int expiresIn = r.expiresIn() == null ? 3600 : r.expiresIn();
    // A refresh may or may not rotate the refresh token; keep the old one when none comes back.
    Optional<String> refresh = Optional.ofNullable(r.refreshToken()).or(() -> previousRefresh);
    return new SsoToken(
        r.accessToken(), refresh, clock.instant().plusSeconds(expiresIn), session.region());
  }

  private String oidcEndpoint() {
    return oidc.serviceClientConfiguration()
        .endpointOverride()
        .map(URI::toString)
        .orElse("https://oidc." + session.region() + ".amazonaws.com");
  }

  private String portalEndpoint() {
    return portal
        .serviceClientConfiguration()
        .endpointOverride()
        .map(URI::toString)
        .orElse("https://portal.sso." + session.region() + ".amazonaws.com");
  }

  @Override
  public void close() {
    oidc.close();
    portal.close();
    http.close();
  }
}
