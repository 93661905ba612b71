package dev.keyshell.aws;

/**
 * Where the MFA one-time code comes from, asked only when an STS call is really made (a cached
 * session never reads one). A code counts as used only once STS has received it: {@link #code}
 * reserves it, {@link #sent} says whether the request reached STS (DESIGN step 6).
 */
public interface MfaCodeSource {

  /** The 6-digit code to send now for the device {@code serial}. */
  String code(String serial);

  /**
   * After the request that carried the last code of {@code serial}: {@code reached} when STS
   * received it (it answered, or may have), so it is never sent again; false when the request never
   * left (connection refused, unknown host), so the code is still unspent.
   */
  void sent(String serial, boolean reached);
}
