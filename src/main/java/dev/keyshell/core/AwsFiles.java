package dev.keyshell.core;

import java.nio.file.Path;

/**
 * Where the AWS shared files are, as every AWS SDK finds them: {@code AWS_CONFIG_FILE} else {@code
 * ~/.aws/config}, {@code AWS_SHARED_CREDENTIALS_FILE} else {@code ~/.aws/credentials}; a leading
 * {@code ~/} is the home directory and a relative path is taken from the working directory. Free of
 * the AWS SDK: the warm path uses it.
 */
public final class AwsFiles {
  private AwsFiles() {}

  public static Path config(Env env) {
    return location(env, "AWS_CONFIG_FILE", "config");
  }

  public static Path credentials(Env env) {
    return location(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
  }

  private static Path location(Env env, String variable, String name) {
    String v = env.vars().get(variable);
    return v == null || v.isBlank() ? env.home().resolve(".aws").resolve(name) : expand(env, v);
  }

  private static Path expand(Env env, String path) {
    if (path.equals("~")) {
      return env.home();
    }
    if (path.startsWith("~/")) {
      return env.home().resolve(path.substring(2));
    }
    return env.cwd().resolve(path);
  }
}
