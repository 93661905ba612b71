package dev.keyshell.aws;

import dev.keyshell.core.AwsFiles;
import dev.keyshell.core.BoundedFiles;
import dev.keyshell.core.Env;
import dev.keyshell.core.KeyshellException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Where the AWS CLI keeps its shared files: {@code AWS_CONFIG_FILE} else {@code ~/.aws/config},
 * {@code AWS_SHARED_CREDENTIALS_FILE} else {@code ~/.aws/credentials}, as every AWS SDK does.
 */
public record AwsConfigFiles(Path config, Path credentials) {

  public static AwsConfigFiles of(Env env) {
    return new AwsConfigFiles(AwsFiles.config(env), AwsFiles.credentials(env));
  }

  /** Reads both files (a missing file is an empty one); a malformed file is a one-line error. */
  public ProfileFile load() {
    return
    // The first file added wins a duplicate property, and the credentials file must win.
    ProfileFile.aggregator()
        .addFile(parse(credentials, ProfileFile.Type.CREDENTIALS))
        .addFile(parse(config, ProfileFile.Type.CONFIGURATION))
        .build();
  }

  private static ProfileFile parse(Path file, ProfileFile.Type type) {
    byte[] content;
    try {
      content = BoundedFiles.read(file, BoundedFiles.CONFIG_MAX);
    } catch (NoSuchFileException e) {
      content = new byte[0];
    } catch (IOException e) {
      throw new KeyshellException(
          "cannot read " + file + ": " + e.getMessage(), "check the file's permissions", e);
    }
    try {
      return ProfileFile.builder().content(new ByteArrayInputStream(content)).type(type).build();
    } catch (RuntimeException e) {
      // The SDK's messages name the line ("Expected an '=' sign ... on line 2"), never its text.
      throw new KeyshellException(
          "cannot parse " + file + ": " + oneLine(e.getMessage()),
          "fix that line (the format: https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html)",
          e);
    }
  }

  private static String oneLine(String message) {
    return message == null ? "malformed" : message.replaceAll("\\s+", " ").trim();
  }
}
