package dev.keyshell.aws;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityRequest;
import software.amazon.awssdk.services.sts.model.GetFederationTokenRequest;
import software.amazon.awssdk.services.sts.model.GetSessionTokenRequest;

/**
 * {@link Sts} over the AWS SDK's {@code StsClient} with the URLConnection HTTP client: every call
 * signed by explicit credentials (never a provider chain reading the environment), short timeouts,
 * few retries, and failures turned into one-line errors by {@link StsErrors}.
 */
public final class StsMinter implements Sts, AutoCloseable {
  /** Attempts per call; the SDK backs off between them and retries throttling. */
  static final int MAX_ATTEMPTS = 3;

  private final StsClient client;
  private final String endpoint;
  private final MfaCodeSource codes;
  private final Clock clock;
  private final String user;

  public StsMinter(StsSettings settings, MfaCodeSource codes, Clock clock) {
    this.client = client(settings);
    this.endpoint =
        settings
            .endpointOverride()
            .or(() -> client.serviceClientConfiguration().endpointOverride())
            .map(URI::toString)
            .orElse("https://sts." + settings.region() + ".amazonaws.com");
    this.codes = codes;
    this.clock = clock;
    this.user = settings.user();
  }

  private static StsClient client(StsSettings settings) {
    var builder = configured(StsClient.builder(), settings, Region.of(settings.region()));
    settings.endpointOverride().ifPresent(builder::endpointOverride);
    return builder.build();
  }

  /**
   * A client builder of any AWS service as keyshell calls them: URLConnection with short timeouts,
   * no credentials of its own (each request carries its signer's), keyshell's parse of the AWS
   * files (so the SDK's endpoint resolution, {@code AWS_ENDPOINT_URL_<SERVICE>} included, applies),
   * few retries and a bound on the whole call.
   */
  static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(
      B builder, StsSettings settings, Region region) {
    // While it builds a client the SDK also parses the default profile files on its own, strictly,
    // though the client is given keyshell's parse below: a malformed section the chain does not
    // use would fail it (DESIGN step 3). Point that second read at nothing.
    System.setProperty("aws.configFile", "/dev/null");
    System.setProperty("aws.sharedCredentialsFile", "/dev/null");
    return builder
        .httpClient(
            UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(15))
                .build())
        .region(region)
        // Each request carries its own static credentials; nothing is looked up.
        .credentialsProvider(AnonymousCredentialsProvider.create())
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .defaultProfileFile(settings.profileFile())
                .defaultProfileFileSupplier(settings::profileFile)
                .defaultProfileName(settings.profile())
                .retryStrategy(
                    AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(MAX_ATTEMPTS)
                        .build())
                .apiCallTimeout(StsSettings.API_CALL_TIMEOUT)
                .build());
  }

  @Override
  public SessionCredentials getSessionToken(
      AwsKeys keys, Optional<String> mfaSerial, int durationSeconds) {
    Caller caller = Caller.of(keys);
    GetSessionTokenRequest.Builder request =
        GetSessionTokenRequest.builder()
            .durationSeconds(durationSeconds)
            .overrideConfiguration(signedBy(caller));
    mfaSerial.ifPresent(serial -> request.serialNumber(serial).tokenCode(code(serial)));
    boolean reached = true;
    try {
      return convert(client.getSessionToken(request.build()).credentials());
    } catch (SdkException e) {
      reached = StsErrors.reached(e);
      throw StsErrors.from(e, "GetSessionToken", caller, Optional.empty(), mfaSerial, endpoint);
    } finally {
      sent(mfaSerial, reached);
    }
  }

  @Override
  public SessionCredentials assumeRole(Caller caller, RoleStep step, Optional<String> mfaSerial) {
    AssumeRoleRequest.Builder request =
        AssumeRoleRequest.builder()
            .roleArn(step.roleArn())
            .roleSessionName(
                step.roleSessionName().orElseGet(() -> RoleSessionNames.of(user, clock.instant())))
            .durationSeconds(step.durationFor(caller))
            .overrideConfiguration(signedBy(caller));
    step.externalId().ifPresent(request::externalId);
    mfaSerial.ifPresent(serial -> request.serialNumber(serial).tokenCode(code(serial)));
    boolean reached = true;
    try {
      return convert(client.assumeRole(request.build()).credentials());
    } catch (SdkException e) {
      reached = StsErrors.reached(e);
      throw StsErrors.from(
          e, "AssumeRole", caller, Optional.of(step.roleArn()), mfaSerial, endpoint);
    } finally {
      sent(mfaSerial, reached);
    }
  }

  /** Spends the code only when STS received it (DESIGN step 6). */
  private void sent(Optional<String> mfaSerial, boolean reached) {
    if (mfaSerial.isPresent()) {
      codes.sent(mfaSerial.get(), reached);
    }
  }

  /**
   * GetFederationToken signed by the long-lived key: a session the console's federation endpoint
   * accepts for an IAM user (a GetSessionToken session it does not). No MFA: the API takes none.
   */
  public SessionCredentials getFederationToken(
      AwsKeys keys, String name, String policy, int durationSeconds) {
    Caller caller = Caller.of(keys);
    GetFederationTokenRequest request =
        GetFederationTokenRequest.builder()
            .name(name)
            .policy(policy)
            .durationSeconds(durationSeconds)
            .overrideConfiguration(signedBy(caller))
            .build();
    try {
      return convert(client.getFederationToken(request).credentials());
    } catch (SdkException e) {
      throw StsErrors.from(
          e, "GetFederationToken", caller, Optional.empty(), Optional.empty(), endpoint);
    }
  }

  /**
   * The ARN STS answers for {@code keys} (GetCallerIdentity, which needs no permission): whether a
   * key works at all.
   */
  public String getCallerIdentity(AwsKeys keys) {
    Caller caller = Caller.of(keys);
    GetCallerIdentityRequest request =
        GetCallerIdentityRequest.builder().overrideConfiguration(signedBy(caller)).build();
    try {
      return client.getCallerIdentity(request).arn();
    } catch (SdkException e) {
      throw StsErrors.from(
          e, "GetCallerIdentity", caller, Optional.empty(), Optional.empty(), endpoint);
    }
  }

  private String code(String serial) {
    String code = codes.code(serial);
    if (code == null || !code.matches("\\d{6}")) {
      codes.sent(serial, false);
      throw new KeyshellException(
          "the one-time password for " + serial + " is not a 6-digit code",
          "check the item's One-Time Password field holds the AWS MFA device's TOTP secret");
    }
    return code;
  }

  static AwsRequestOverrideConfiguration signedBy(Caller caller) {
    AwsCredentials credentials =
        caller
            .sessionToken()
            .<AwsCredentials>map(
                token ->
                    AwsSessionCredentials.create(
                        caller.accessKeyId(), caller.secretAccessKey(), token))
            .orElseGet(
                () -> AwsBasicCredentials.create(caller.accessKeyId(), caller.secretAccessKey()));
    return AwsRequestOverrideConfiguration.builder()
        .credentialsProvider(StaticCredentialsProvider.create(credentials))
        .build();
  }

  private static SessionCredentials convert(Credentials c) {
    return new SessionCredentials(
        c.accessKeyId(), c.secretAccessKey(), c.sessionToken(), c.expiration());
  }

  @Override
  public void close() {
    client.close();
  }
}
