package dev.keyshell.aws;

import dev.keyshell.core.KeyshellException;

/**
 * AWS refused the temporary session that signed a call (ExpiredToken, or InvalidClientTokenId once
 * the session was revoked or its key rotated): a cached session to drop and mint again.
 */
public final class SessionRejectedException extends KeyshellException {
  private static final long serialVersionUID = 1L;

  private final String accessKeyId;

  SessionRejectedException(String message, String hint, String accessKeyId, Throwable cause) {
    super(message, hint, cause);
    this.accessKeyId = accessKeyId;
  }

  /** The rejected session's access key id (not a secret), to find its cache entry. */
  public String accessKeyId() {
    return accessKeyId;
  }
}
