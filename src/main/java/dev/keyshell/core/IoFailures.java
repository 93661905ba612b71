package dev.keyshell.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.util.Optional;

/**
 * Turns an I/O failure nobody caught (a full disk, a read-only or foreign-owned directory) into the
 * one-line error and hint every other failure gets, naming the file and the reason only.
 */
public final class IoFailures {
  private IoFailures() {}

  public static Optional<KeyshellException> describe(Throwable e) {
    IOException io = null;
    if (e instanceof IOException i) {
      io = i;
    } else if (e instanceof UncheckedIOException u) {
      io = u.getCause();
    }
    if (io == null) {
      return Optional.empty();
    }
    String what;
    if (io instanceof FileSystemException fs && fs.getFile() != null) {
      String reason =
          io instanceof AccessDeniedException
              ? "permission denied"
              : fs.getReason() != null ? fs.getReason() : io.getClass().getSimpleName();
      what = fs.getFile() + ": " + reason;
    } else {
      what = io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName();
    }
    return Optional.of(
        new KeyshellException(
            "cannot read or write a file: " + what,
            "check free disk space and the permissions of keyshell's directories"
                + " (docs/reference.md lists them)",
            io));
  }
}
