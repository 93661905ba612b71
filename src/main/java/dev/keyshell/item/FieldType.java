package dev.keyshell.item;

/** The field types keyshell cares about; anything else a store returns is {@link #OTHER}. */
public enum FieldType {
  STRING,
  CONCEALED,
  OTP,
  OTHER;

  /** Maps a 1Password field type name ({@code "CONCEALED"}, {@code "OTP"}, ...) tolerantly. */
  public static FieldType fromOnePassword(String type) {
    if (type == null) {
      return OTHER;
    }
    return switch (type.toUpperCase(java.util.Locale.ROOT)) {
      case "STRING", "EMAIL", "URL", "PHONE", "MENU" -> STRING;
      case "CONCEALED" -> CONCEALED;
      case "OTP", "TOTP" -> OTP;
      default -> OTHER;
    };
  }
}
