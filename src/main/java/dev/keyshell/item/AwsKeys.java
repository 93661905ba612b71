package dev.keyshell.item;

import dev.keyshell.core.Display;
import dev.keyshell.core.KeyshellException;
import java.util.Optional;

/**
 * The AWS credential read from an item, by the field labels {@code op plugin} uses; an API
 * Credential's {@code username}/{@code credential} are accepted for the key pair.
 */
public record AwsKeys(
    String accessKeyId,
    String secretAccessKey,
    Optional<String> region,
    Optional<String> mfaSerial,
    Optional<Field> otp) {

  public static final String ACCESS_KEY_ID = "Access Key ID";
  public static final String SECRET_ACCESS_KEY = "Secret Access Key";
  public static final String DEFAULT_REGION = "Default Region";
  public static final String ONE_TIME_PASSWORD = "One-Time Password";
  public static final String MFA_SERIAL = "MFA Serial";

  /** The YubiKey OATH account whose codes serve the MFA device (see {@code mfa.MfaSources}). */
  public static final String YUBIKEY_ACCOUNT = "YubiKey Account";

  public static AwsKeys from(Item item) {
    String id =
        item.field(ACCESS_KEY_ID, "username", "access key")
            .map(Field::value)
            .filter(v -> !v.isBlank())
            .orElseThrow(() -> missing(item, ACCESS_KEY_ID));
    String secret =
        item.field(SECRET_ACCESS_KEY, "credential", "secret key")
            .map(Field::value)
            .filter(v -> !v.isBlank())
            .orElseThrow(() -> missing(item, SECRET_ACCESS_KEY));
    Optional<String> region =
        item.field(DEFAULT_REGION, "region").map(Field::value).filter(v -> !v.isBlank());
    Optional<String> mfa =
        item.field(MFA_SERIAL, "mfa serial number", "mfa_serial")
            .map(Field::value)
            .filter(v -> !v.isBlank());
    Optional<Field> otp =
        item.field(ONE_TIME_PASSWORD)
            .filter(f -> f.value() != null && !f.value().isBlank() || f.totp() != null)
            .or(item::otpField);
    return new AwsKeys(
        id.trim(), secret.trim(), region.map(String::trim), mfa.map(String::trim), otp);
  }

  private static KeyshellException missing(Item item, String label) {
    return new KeyshellException(
        (item.title() == null ? "the item" : "item '" + Display.text(item.title()) + "'")
            + " has no '"
            + label
            + "' field",
        "add the field to the item, or run: keyshell plugin init aws");
  }

  /** The key id as it may be shown: {@code AKIA…WXYZ}. */
  public static String mask(String accessKeyId) {
    if (accessKeyId == null || accessKeyId.length() < 8) {
      return "****";
    }
    return accessKeyId.substring(0, 4) + "…" + accessKeyId.substring(accessKeyId.length() - 4);
  }

  @Override
  public String toString() {
    return "AwsKeys[" + mask(accessKeyId) + "]";
  }
}
