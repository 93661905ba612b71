package dev.keyshell.store.connect;

import dev.keyshell.core.KeyshellException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;

/** What an HTTP status or an I/O failure from a Connect server means to the user. */
final class ConnectErrors {
  private ConnectErrors() {}

  static KeyshellException forStatus(
      int status, String serverMessage, String host, String subject) {
    String detail = "HTTP " + status + (serverMessage.isEmpty() ? "" : ": " + cut(serverMessage));
    return switch (status) {
      case 401 ->
          new KeyshellException(
              "the Connect server at " + host + " refused the token (" + detail + ")",
              "check OP_CONNECT_TOKEN: it may be mistyped, expired or revoked");
      case 403 ->
          new KeyshellException(
              "the Connect token may not access " + subject + " at " + host + " (" + detail + ")",
              "give the token access to the vault in 1Password (Developer > Connect servers)");
      case 404 ->
          new KeyshellException(
              subject + " not found on the Connect server at " + host + " (" + detail + ")",
              "check the vault and item; a Connect token sees only the vaults it was granted");
      default ->
          status >= 500
              ? new KeyshellException(
                  "the Connect server at " + host + " failed (" + detail + ")",
                  "check the Connect server's logs and that it can reach 1Password, then try again")
              : new KeyshellException(
                  "the Connect server at " + host + " rejected the request (" + detail + ")",
                  "check OP_CONNECT_HOST points at a 1Password Connect server (API v1)");
    };
  }

  /** A short cause for a failed connection, without the JDK's noise. */
  static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : cut(m);
  }

  private static String cut(String s) {
    String line = s.strip().replaceAll("\\s+", " ");
    return line.length() <= 160 ? line : line.substring(0, 160) + "…";
  }
}
