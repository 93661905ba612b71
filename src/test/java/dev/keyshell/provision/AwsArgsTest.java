package dev.keyshell.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AwsArgsTest {

  @ParameterizedTest(name = "[{index}] aws {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // argv                                       | needs auth | profile | argv passed on
        "''                                           | false | -     | ''",
        "help                                         | false | -     | help",
        "s3 help                                      | false | -     | s3 help",
        "s3 ls --help                                 | false | -     | s3 ls --help",
        "s3 ls -h                                     | false | -     | s3 ls -h",
        "--version                                    | false | -     | --version",
        "-v                                           | false | -     | -v",
        "version                                      | false | -     | version",
        "s3 ls                                        | true  | -     | s3 ls",
        "s3 ls --profile dev                          | true  | dev   | s3 ls",
        "--profile dev s3 ls                          | true  | dev   | s3 ls",
        "s3 ls --profile=dev                          | true  | dev   | s3 ls",
        "--profile a s3 ls --profile b                | true  | b     | s3 ls",
        "s3 cp x y -- --profile z                     | true  | -     | s3 cp x y -- --profile z",
        "sts get-caller-identity --profile            | true  | -     | sts get-caller-identity --profile",
        "ec2 describe-instances --region eu-west-1    | true  | -     | ec2 describe-instances --region eu-west-1",
      })
  void reads_needs_auth_and_profile_as_op_does(
      String argv, boolean needsAuth, String profile, String passedOn) {
    AwsArgs a = AwsArgs.parse(words(argv));
    assertEquals(needsAuth, a.needsAuth(), "needs auth");
    assertEquals(Optional.ofNullable(profile), a.profile(), "profile");
    assertEquals(words(passedOn), a.argv(), "argv passed on");
  }

  private static List<String> words(String s) {
    return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
  }
}
