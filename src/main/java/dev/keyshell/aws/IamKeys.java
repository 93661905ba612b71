package dev.keyshell.aws;

import dev.keyshell.core.KeyshellException;
import dev.keyshell.item.AwsKeys;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;

/**
 * The IAM user's own access keys, through the SDK's {@code IamClient}: each call signed by the
 * caller given (the user's key, or its MFA session), for the user who signs. The endpoint is the
 * SDK's resolution ({@code AWS_ENDPOINT_URL_IAM}, {@code AWS_ENDPOINT_URL}, {@code endpoint_url}).
 */
public final class IamKeys implements AutoCloseable {
  private final IamClient client;
  private final Caller caller;

  /** An IAM failure: the operation and AWS's reason, in one line. */
  public static final class IamFailure extends KeyshellException {
    private static final long serialVersionUID = 1L;

    private final boolean answered;

    IamFailure(String operation, SdkException e) {
      super("IAM " + operation + " failed (" + StsErrors.reason(e) + ")", null, e);
      this.answered = e instanceof AwsServiceException;
    }

    /**
     * Whether IAM answered with an error; false when no answer came (a timeout, a dropped
     * connection), so the call may have taken effect.
     */
    public boolean answered() {
      return answered;
    }

    /** AWS's reason alone, for messages that say what state the keys are in. */
    public String reason() {
      return getMessage().substring(getMessage().indexOf('(') + 1, getMessage().length() - 1);
    }
  }

  /** A key just created; its secret never appears in {@link #toString}. */
  public record NewKey(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "NewKey[" + AwsKeys.mask(accessKeyId) + "]";
    }
  }

  public IamKeys(StsSettings settings, Caller caller) {
    this.client = StsMinter.configured(IamClient.builder(), settings, global(settings)).build();
    this.caller = caller;
  }

  /** IAM is global: one endpoint per partition, named by the partition's global region. */
  private static Region global(StsSettings settings) {
    String r = settings.region();
    if (r.startsWith("cn-")) {
      return Region.AWS_CN_GLOBAL;
    }
    if (r.startsWith("us-gov-")) {
      return Region.AWS_US_GOV_GLOBAL;
    }
    return Region.AWS_GLOBAL;
  }

  /** The ids of the signing user's access keys. */
  public List<String> list() {
    try {
      return client
          .listAccessKeys(
              ListAccessKeysRequest.builder()
                  .overrideConfiguration(StsMinter.signedBy(caller))
                  .build())
          .accessKeyMetadata()
          .stream()
          .map(m -> m.accessKeyId())
          .toList();
    } catch (SdkException e) {
      throw new IamFailure("ListAccessKeys", e);
    }
  }

  /** A new access key for the signing user. */
  public NewKey create() {
    try {
      AccessKey k =
          client
              .createAccessKey(
                  CreateAccessKeyRequest.builder()
                      .overrideConfiguration(StsMinter.signedBy(caller))
                      .build())
              .accessKey();
      return new NewKey(k.accessKeyId(), k.secretAccessKey());
    } catch (SdkException e) {
      throw new IamFailure("CreateAccessKey", e);
    }
  }

  /** Deletes the signing user's access key {@code accessKeyId}. */
  public void delete(String accessKeyId) {
    try {
      client.deleteAccessKey(
          DeleteAccessKeyRequest.builder()
              .accessKeyId(accessKeyId)
              .overrideConfiguration(StsMinter.signedBy(caller))
              .build());
    } catch (SdkException e) {
      throw new IamFailure("DeleteAccessKey", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
