package dev.keyshell.it;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A program written against the AWS SDK for Java v2 as anyone would: the default credentials
 * provider chain, nothing keyshell-specific. Run as a child JVM of {@code keyshell exec --server};
 * it prints the caller's ARN once for each of {@code args[1]} calls to STS at {@code args[0]}.
 */
public final class SdkChild {
  private SdkChild() {}

  public static void main(String[] args) {
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(URI.create(args[0]))
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .build()) {
      for (int i = 0; i < calls; i++) {
        System.out.println(sts.getCallerIdentity().arn());
      }
    }
  }
}
