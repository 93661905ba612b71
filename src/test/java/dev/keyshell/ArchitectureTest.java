package dev.keyshell;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The layering of docs/architecture.md, checked on the main classes (not the tests). */
@AnalyzeClasses(packages = "dev.keyshell", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** Everything below the entry points and the commands: what a test reaches without picocli. */
  private static final String[] DOMAIN = {
    "dev.keyshell.aws..",
    "dev.keyshell.cache..",
    "dev.keyshell.console..",
    "dev.keyshell.core..",
    "dev.keyshell.crypto..",
    "dev.keyshell.export..",
    "dev.keyshell.item..",
    "dev.keyshell.mfa..",
    "dev.keyshell.otp..",
    "dev.keyshell.plugin..",
    "dev.keyshell.proc..",
    "dev.keyshell.rotate..",
    "dev.keyshell.provision..",
    "dev.keyshell.scope..",
    "dev.keyshell.server..",
    "dev.keyshell.setup",
    "dev.keyshell.shell..",
    "dev.keyshell.sso..",
    "dev.keyshell.store..",
    "dev.keyshell.tty..",
    "dev.keyshell.vault.."
  };

  @ArchTest
  static final ArchRule the_domain_never_calls_up =
      noClasses()
          .that()
          .resideInAnyPackage(DOMAIN)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.keyshell",
              "dev.keyshell.cli..",
              "dev.keyshell.entry..",
              "dev.keyshell.setup.wizard..",
              "dev.keyshell.stores..",
              "dev.keyshell.training..")
          .because("layers point inward: cli and entry call the domain, never the reverse");

  @ArchTest
  static final ArchRule nothing_calls_main =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.keyshell")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.keyshell")
          .because("Main is the top: it dispatches to entry and cli");

  @ArchTest
  static final ArchRule the_training_run_is_not_the_product =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.keyshell.training..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("dev.keyshell.training..")
          .because(
              "bin/keyshell runs CdsTraining to train the class-data archive; nothing calls it");

  @ArchTest
  static final ArchRule the_entry_layer_runs_before_picocli =
      noClasses()
          .that()
          .resideInAPackage("dev.keyshell.entry..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.keyshell.cli..", "picocli..")
          .because("plugin run and a warm export are served without loading picocli");

  @ArchTest
  static final ArchRule the_warm_path_s_crypto_needs_no_jca =
      noClasses()
          .that()
          .resideInAPackage("dev.keyshell.crypto..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javax.crypto..", "java.security..", "dev.keyshell..")
          .because(
              "on JDK 17 the JCA's set-up is about 40 ms of every warm aws (docs/performance.md);"
                  + " the primitives stand alone");

  @ArchTest
  static final ArchRule no_package_cycles =
      slices().matching("dev.keyshell.(**)").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule only_a_main_method_exits =
      classes()
          .should(
              new ArchCondition<JavaClass>("call System.exit only from a main method") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                  for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                    if (call.getTargetOwner().isEquivalentTo(System.class)
                        && call.getName().equals("exit")
                        && !call.getOrigin().getName().equals("main")) {
                      events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                  }
                }
              })
          .because("everything else returns an exit code (Main.run)");

  @ArchTest
  static final ArchRule commands_print_through_their_streams =
      noClasses()
          .that()
          .resideInAPackage("dev.keyshell.cli..")
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("payload and diagnostics go through picocli's getOut()/getErr()");
}
