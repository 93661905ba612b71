package dev.keyshell.aws;

import dev.keyshell.core.Env;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * What an STS client needs besides credentials: the parsed AWS files and selected profile (so the
 * SDK's own {@code endpoint_url} / {@code AWS_ENDPOINT_URL_STS} resolution applies), the region, an
 * explicit endpoint for tests, and the user name for readable role session names.
 */
public record StsSettings(
    ProfileFile profileFile,
    String profile,
    String region,
    Optional<URI> endpointOverride,
    String user) {

  /**
   * The whole of one STS call, retries and the response body included (the SDK's {@code
   * apiCallTimeout}): a server that trickles its answer is cut off here.
   */
  public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(60);

  /** The region STS is called in when neither the profile nor the environment names one. */
  public static final String DEFAULT_REGION = "us-east-1";

  /**
   * Region as the AWS CLI picks it: {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else the
   * chain's, else us-east-1.
   */
  public static StsSettings of(Env env, ProfileFile profileFile, ProfileChain chain) {
    return of(env, profileFile, chain, regionOf(env, chain));
  }

  /** With the region already chosen (empty: us-east-1). */
  public static StsSettings of(
      Env env, ProfileFile profileFile, ProfileChain chain, Optional<String> region) {
    String user = env.get("USER").or(() -> env.get("LOGNAME")).orElse("user");
    // Checked here, before a minter exists: an MFA code is computed only when a request is made.
    StsEndpoint.configured(env, profileFile, chain.selectedProfile());
    String checkedRegion =
        region.isEmpty()
            ? DEFAULT_REGION
            : StsEndpoint.checkRegion(region.get(), regionSource(env, chain, region.get()));
    return new StsSettings(
        profileFile, chain.selectedProfile(), checkedRegion, Optional.empty(), user);
  }

  private static String regionSource(Env env, ProfileChain chain, String region) {
    if (env.get("AWS_REGION").isPresent()) {
      return "from AWS_REGION";
    }
    if (env.get("AWS_DEFAULT_REGION").isPresent()) {
      return "from AWS_DEFAULT_REGION";
    }
    if (chain.region().filter(region::equals).isPresent()) {
      return "from the profile's region";
    }
    return "from the item's Default Region";
  }

  /**
   * The region the AWS CLI would use for this chain: the environment beats the profile (see
   * conformance/aws-cli, cases 35-39); a role profile without one takes its root's.
   */
  public static Optional<String> regionOf(Env env, ProfileChain chain) {
    return env.get("AWS_REGION").or(() -> env.get("AWS_DEFAULT_REGION")).or(chain::region);
  }

  public StsSettings withEndpointOverride(URI endpoint) {
    return new StsSettings(profileFile, profile, region, Optional.of(endpoint), user);
  }
}
