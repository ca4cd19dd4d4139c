package io.stackwatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.smallrye.config.ConfigMapping;
import jakarta.inject.Singleton;

/** The data flow of DESIGN.md, kept true by the build. */
@AnalyzeClasses(packages = "io.stackwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Pages, JSON and /q/metrics read what the last poll stored; they never call AWS. */
  @ArchTest
  static final ArchRule readersNeverCallAws =
      noClasses()
          .that()
          .resideInAnyPackage("io.stackwatch.web..", "io.stackwatch.export..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("software.amazon.awssdk..")
          .orShould()
          .dependOnClassesThat()
          .haveSimpleNameEndingWith("MetricSource")
          .orShould()
          .dependOnClassesThat()
          .haveSimpleName("AwsClients")
          .orShould()
          .dependOnClassesThat()
          .haveSimpleName("CloudWatchCollector");

  /** Only the AWS adapters speak the SDK; the rest sees domain types. */
  @ArchTest
  static final ArchRule onlyAdaptersImportTheSdk =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.stackwatch.aws..")
          .and()
          .haveNameNotMatching(
              "io\\.stackwatch\\.(cloudwatch\\.CloudWatchMetricSource|cost\\.CostExplorerCostSource|notify\\.SnsNotifier|maintenance\\.AwsInventory).*")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("software.amazon.awssdk..");

  /** Domain logic is plain Java: only the beans that wire it, and its settings, see a framework. */
  @ArchTest
  static final ArchRule domainIsPlainJava =
      noClasses()
          .that()
          .resideInAnyPackage("io.stackwatch.store..", "io.stackwatch.alarm..")
          .and()
          .haveNameNotMatching("io\\.stackwatch\\.store\\.StoreProducer.*")
          .and()
          .areNotAnnotatedWith(Singleton.class)
          .and()
          .areNotAnnotatedWith(ConfigMapping.class)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..");

  /** The simulator is AWS's side of the wire: it must not borrow the client's code. */
  @ArchTest
  static final ArchRule simulatorSpeaksTheWireItself =
      noClasses()
          .that()
          .resideInAPackage("io.stackwatch.simulator..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("software.amazon.awssdk..");
}
