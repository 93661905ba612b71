package dev.keyshell.core;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a configuration file whole, but only a regular file and only up to a size: {@code
 * AWS_CONFIG_FILE=/dev/zero} would otherwise fill the heap, and a FIFO would block for ever.
 */
public final class BoundedFiles {
  /** Enough for any AWS config or credentials file a person writes (they are a few KiB). */
  public static final long CONFIG_MAX = 4L << 20;

  private static final Path DEV_NULL = Path.of("/dev/null");

  private BoundedFiles() {}

  /**
   * The bytes of {@code path} (symlinks followed), or a one-line error when it is not a regular
   * file or is larger than {@code max} bytes.
   *
   * @throws java.nio.file.NoSuchFileException when it does not exist, as {@link Files} does
   */
  public static byte[] read(Path path, long max) throws IOException {
    // The type is checked before opening: opening a FIFO for reading blocks until a writer comes.
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    if (!attributes.isRegularFile()) {
      if (path.toRealPath().equals(DEV_NULL)) {
        return new byte[0]; // AWS_CONFIG_FILE=/dev/null: "no config", as the AWS CLI reads it
      }
      throw new KeyshellException(
          Display.controls(path.toString())
              + " is not a regular file ("
              + (attributes.isDirectory() ? "a directory" : "a device, a pipe or a socket")
              + ")",
          "keyshell reads only regular files there: point the setting that names it at one");
    }
    if (attributes.size() > max) {
      throw tooLarge(path, max);
    }
    try (InputStream in = new FileInputStream(path.toFile())) {
      byte[] bytes = in.readNBytes((int) max + 1);
      if (bytes.length > max) {
        throw tooLarge(path, max); // it grew while we read it
      }
      return bytes;
    }
  }

  /**
   * The bytes of a file keyshell wrote itself in one of its private, checked directories (the cache
   * key, a cache entry). Read with java.io, as {@link #read} is: NIO's file channels would load two
   * native libraries and their classes on every warm {@code aws}.
   */
  public static byte[] readOwn(Path path) throws IOException {
    try (InputStream in = new FileInputStream(path.toFile())) {
      return in.readAllBytes();
    }
  }

  private static KeyshellException tooLarge(Path path, long max) {
    return new KeyshellException(
        Display.controls(path.toString()) + " is larger than " + (max >> 20) + " MiB",
        "check that it is the file you meant; keyshell reads AWS files of a few KiB");
  }
}
