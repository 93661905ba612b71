package dev.keyshell.aws;

import dev.keyshell.core.Env;
import java.net.URI;
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

  /** The region STS is called in when neither the profile nor the environment names one. */
  public static final String DEFAULT_REGION = "us-east-1";

  /**
   * Region: the chain's, else {@code AWS_REGION}, else {@code AWS_DEFAULT_REGION}, else us-east-1.
   */
  public static StsSettings of(Env env, ProfileFile profileFile, ProfileChain chain) {
    String region =
        chain
            .region()
            .or(() -> env.get("AWS_REGION"))
            .or(() -> env.get("AWS_DEFAULT_REGION"))
            .orElse(DEFAULT_REGION);
    String user = env.get("USER").or(() -> env.get("LOGNAME")).orElse("user");
    return new StsSettings(profileFile, chain.selectedProfile(), region, Optional.empty(), user);
  }

  public StsSettings withEndpointOverride(URI endpoint) {
    return new StsSettings(profileFile, profile, region, Optional.of(endpoint), user);
  }
}
