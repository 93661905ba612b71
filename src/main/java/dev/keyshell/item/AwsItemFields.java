package dev.keyshell.item;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields of a new AWS credential item, labelled as {@code op plugin} labels them, so every
 * store creates the same shape and {@link AwsKeys#from} reads it back.
 */
public final class AwsItemFields {
  private AwsItemFields() {}

  /** {@code region}, {@code otp} (otpauth URI or base32) and {@code mfaSerial} may be null. */
  public static List<Field> of(
      String accessKeyId, String secretAccessKey, String region, String otp, String mfaSerial) {
    return of(accessKeyId, secretAccessKey, region, otp, mfaSerial, null);
  }

  /**
   * The same with {@code yubikeyAccount} (may be null): the YubiKey OATH account whose codes serve
   * the MFA device.
   */
  public static List<Field> of(
      String accessKeyId,
      String secretAccessKey,
      String region,
      String otp,
      String mfaSerial,
      String yubikeyAccount) {
    List<Field> fields = new ArrayList<>();
    fields.add(new Field(AwsKeys.ACCESS_KEY_ID, FieldType.STRING, accessKeyId));
    fields.add(new Field(AwsKeys.SECRET_ACCESS_KEY, FieldType.CONCEALED, secretAccessKey));
    if (present(region)) {
      fields.add(new Field(AwsKeys.DEFAULT_REGION, FieldType.STRING, region));
    }
    if (present(otp)) {
      fields.add(new Field(AwsKeys.ONE_TIME_PASSWORD, FieldType.OTP, otp));
    }
    if (present(mfaSerial)) {
      fields.add(new Field(AwsKeys.MFA_SERIAL, FieldType.STRING, mfaSerial));
    }
    if (present(yubikeyAccount)) {
      fields.add(new Field(AwsKeys.YUBIKEY_ACCOUNT, FieldType.STRING, yubikeyAccount));
    }
    return fields;
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }
}
