package dev.keyshell.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginArgsTest {

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
        // aws configure and aws sso are aws's own business, argv exactly as typed
        "configure --profile new                      | false | -     | configure --profile new",
        "configure set output yaml --profile new      | false | -     | configure set output yaml --profile new",
        "--profile dev configure get region           | false | -     | --profile dev configure get region",
        "--region eu-west-1 configure list            | false | -     | --region eu-west-1 configure list",
        "--output json sso login --profile sso-dev    | false | -     | --output json sso login --profile sso-dev",
        "sso logout                                   | false | -     | sso logout",
        "configure export-credentials --profile dev   | true  | dev   | configure export-credentials",
        "--output configure s3 ls                     | true  | -     | --output configure s3 ls",
        "s3 cp configure s3://b/configure             | true  | -     | s3 cp configure s3://b/configure",
      })
  void reads_needs_auth_and_profile_of_aws_as_op_does(
      String argv, boolean needsAuth, String profile, String passedOn) {
    PluginArgs a = PluginArgs.parse(Plugins.AWS.executable("aws"), words(argv));
    assertEquals(needsAuth, a.needsAuth(), "needs auth");
    assertEquals(Optional.ofNullable(profile), a.profile(), "profile");
    assertEquals(words(passedOn), a.argv(), "argv passed on");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // executable and argv              | needs auth | profile | argv passed on
        "cdk deploy                         | true  | -     | deploy",
        "cdk deploy --profile dev           | true  | dev   | deploy",
        "cdk --version                      | false | -     | --version",
        "cdk                                | false | -     | ''",
        "cdk init app --language python     | false | -     | init app --language python",
        "cdk synth --help                   | false | -     | synth --help",
        "sam deploy --guided                | true  | -     | deploy --guided",
        "sam --info                         | false | -     | --info",
        "sam --version                      | false | -     | --version",
        "sam init                           | false | -     | init",
        "eksctl get clusters --profile p    | true  | p     | get clusters",
        "eksctl version                     | false | -     | version",
        "awslogs get /aws/lambda/f          | true  | -     | get /aws/lambda/f",
        "awslogs --version                  | false | -     | --version",
        "terraform plan                     | true  | -     | plan",
        "terraform apply -auto-approve      | true  | -     | apply -auto-approve",
        "terraform plan --profile x         | true  | -     | plan --profile x",
        "terraform version                  | false | -     | version",
        "terraform -version                 | false | -     | -version",
        "terraform -help                    | false | -     | -help",
        "terraform plan -help               | false | -     | plan -help",
        "terraform fmt -recursive           | false | -     | fmt -recursive",
        "terraform validate                 | false | -     | validate",
        "terraform -chdir=infra plan        | true  | -     | -chdir=infra plan",
        "terraform                          | false | -     | ''",
        "tofu plan                          | true  | -     | plan",
        "tofu version                       | false | -     | version",
      })
  void every_executable_has_its_own_rules(
      String argv, boolean needsAuth, String profile, String passedOn) {
    List<String> words = words(argv);
    Executable exe = Plugins.AWS.executable(words.get(0));
    PluginArgs a = PluginArgs.parse(exe, words.subList(1, words.size()));
    assertEquals(needsAuth, a.needsAuth(), "needs auth");
    assertEquals(Optional.ofNullable(profile), a.profile(), "profile");
    assertEquals(words(passedOn), a.argv(), "argv passed on");
  }

  @Test
  void every_executable_of_the_aws_plugin_has_a_row_above() {
    assertEquals(
        List.of("aws", "cdk", "sam", "eksctl", "awslogs", "terraform", "tofu"),
        Plugins.AWS.executableNames());
  }

  private static List<String> words(String s) {
    return s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
  }
}
