package dev.keyshell.aws;

import dev.keyshell.core.Env;
import java.nio.file.Path;

/**
 * Where the AWS CLI keeps its shared files: {@code AWS_CONFIG_FILE} else {@code ~/.aws/config},
 * {@code AWS_SHARED_CREDENTIALS_FILE} else {@code ~/.aws/credentials}, as every AWS SDK does.
 */
public record AwsConfigFiles(Path config, Path credentials) {

  public static AwsConfigFiles of(Env env) {
    return new AwsConfigFiles(
        location(env, "AWS_CONFIG_FILE", "config"),
        location(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials"));
  }

  private static Path location(Env env, String variable, String name) {
    return env.get(variable)
        .map(p -> expandHome(env, p))
        .orElseGet(() -> env.home().resolve(".aws").resolve(name));
  }

  private static Path expandHome(Env env, String path) {
    if (path.equals("~")) {
      return env.home();
    }
    if (path.startsWith("~/")) {
      return env.home().resolve(path.substring(2));
    }
    return Path.of(path);
  }
}
