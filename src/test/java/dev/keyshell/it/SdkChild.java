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

  public static void main(String[] args) throws InterruptedException {
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    int pause = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(URI.create(args[0]))
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .build()) {
      for (int i = 0; i < calls; i++) {
        System.out.println(sts.getCallerIdentity().arn());
        if (i == 0) {
          Thread.sleep(pause * 1000L);
        }
      }
    }
  }
}
