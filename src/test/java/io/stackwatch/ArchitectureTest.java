package io.stackwatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTag;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.smallrye.config.ConfigMapping;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Singleton;

/**
 * The shape of the code, kept true by the build: data flows one way, from the catalog through the
 * collectors, stores and evaluators to the snapshot that every reader reads; the SDK only in
 * adapters; the simulator behind a wall.
 */
// ArchUnit runs these rules in an engine of its own, which reads its own tag annotation.
@ArchTag("plain")
@AnalyzeClasses(packages = "io.stackwatch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** No package, however deep, reaches back to one that reaches it. */
  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.stackwatch.(**)").should().beFreeOfCycles();

  /**
   * The layers of the flow, lowest first: each may use the ones below it, never one above.
   * Vocabularies (catalog, series, data files) are used by all; readers by none.
   */
  @ArchTest
  static final ArchRule layersFollowTheDataFlow =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("Vocabulary")
          .definedBy(
              "io.stackwatch.catalog..", "io.stackwatch.series..", "io.stackwatch.datafile..")
          .layer("Simulator")
          .definedBy("io.stackwatch.simulator..")
          .layer("Aws")
          .definedBy("io.stackwatch.aws..")
          .layer("Store")
          .definedBy("io.stackwatch.store..", "io.stackwatch.audit..")
          .layer("Collectors")
          .definedBy(
              "io.stackwatch.cloudwatch..", "io.stackwatch.cost..", "io.stackwatch.discovery..")
          .layer("Evaluators")
          .definedBy(
              "io.stackwatch.alarm..", "io.stackwatch.dashboard..", "io.stackwatch.maintenance..")
          .layer("NotifyStages")
          .definedBy(
              "io.stackwatch.notify.grouping..",
              "io.stackwatch.notify.message..",
              "io.stackwatch.notify.outbox..",
              "io.stackwatch.notify.routing..")
          .layer("Snapshot")
          .definedBy("io.stackwatch.snapshot..")
          .layer("Pipeline")
          .definedBy("io.stackwatch.notify", "io.stackwatch.poll..")
          .layer("SignIn")
          .definedBy("io.stackwatch.security..")
          .layer("Readers")
          .definedBy("io.stackwatch.web..", "io.stackwatch.export..")
          .whereLayer("Readers")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("SignIn")
          .mayOnlyBeAccessedByLayers("Readers")
          .whereLayer("Pipeline")
          .mayOnlyBeAccessedByLayers("Readers")
          .whereLayer("Snapshot")
          .mayOnlyBeAccessedByLayers("Pipeline", "Readers")
          .whereLayer("NotifyStages")
          .mayOnlyBeAccessedByLayers("Pipeline", "Readers")
          .whereLayer("Evaluators")
          .mayOnlyBeAccessedByLayers("NotifyStages", "Snapshot", "Pipeline", "Readers")
          .whereLayer("Collectors")
          .mayOnlyBeAccessedByLayers(
              "Evaluators", "NotifyStages", "Snapshot", "Pipeline", "Readers")
          .whereLayer("Store")
          .mayOnlyBeAccessedByLayers(
              "Collectors", "Evaluators", "NotifyStages", "Snapshot", "Pipeline", "Readers")
          .whereLayer("Simulator")
          .mayOnlyBeAccessedByLayers("Aws");

  /**
   * Pages, JSON and /q/metrics read the snapshot (and, for charts, the stored history); they never
   * call AWS, nor a collector.
   */
  @ArchTest
  static final ArchRule readersNeverCallAwsNorACollector =
      noClasses()
          .that()
          .resideInAnyPackage("io.stackwatch.web..", "io.stackwatch.export..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "software.amazon.awssdk..", "io.stackwatch.cloudwatch..", "io.stackwatch.discovery..")
          .orShould()
          .dependOnClassesThat()
          .haveNameMatching("io\\.stackwatch\\..*(Collector|Source|AwsClients)");

  /** Only the AWS adapters speak the SDK; the rest sees domain types. */
  @ArchTest
  static final ArchRule onlyAdaptersImportTheSdk =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.stackwatch.aws..")
          .and()
          .haveNameNotMatching(
              "io\\.stackwatch\\.(cloudwatch\\.CloudWatchMetricSource|cost\\.CostExplorerCostSource"
                  + "|notify\\.outbox\\.SnsNotifier|maintenance\\.AwsInventory"
                  + "|discovery\\.TaggingResourceSource).*")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("software.amazon.awssdk..");

  /**
   * The flow's logic is plain Java: evaluators, vocabularies, stores, grouping and messages, the
   * snapshot. Only the beans that wire it, and its settings, see a framework (Qute's engine, a
   * library of its own, writes the messages).
   */
  @ArchTest
  static final ArchRule logicIsPlainJava =
      noClasses()
          .that()
          .resideInAnyPackage(
              "io.stackwatch.catalog..",
              "io.stackwatch.series..",
              "io.stackwatch.datafile..",
              "io.stackwatch.store..",
              "io.stackwatch.alarm..",
              "io.stackwatch.dashboard..",
              "io.stackwatch.maintenance..",
              "io.stackwatch.cost..",
              "io.stackwatch.notify.grouping..",
              "io.stackwatch.notify.message..",
              "io.stackwatch.notify.routing..",
              "io.stackwatch.snapshot..")
          .and()
          .areNotAnnotatedWith(Singleton.class)
          .and()
          .areNotAnnotatedWith(ApplicationScoped.class)
          .and()
          .areNotAnnotatedWith(ConfigMapping.class)
          .and()
          .haveNameNotMatching(".*Config\\$.*")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.quarkus.arc..",
              "io.quarkus.runtime..",
              "io.quarkus.scheduler..",
              "jakarta..",
              "io.smallrye..");

  /** Every evaluator is a pure function of its inputs: no framework, no store, no AWS. */
  @ArchTest
  static final ArchRule evaluatorsArePure =
      classes()
          .that()
          .haveSimpleNameEndingWith("Evaluator")
          .or()
          .haveSimpleName("AlertGrouper")
          .or()
          .haveSimpleName("Schedule")
          .or()
          .haveSimpleName("MetricMath")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "io.stackwatch.catalog..",
              "io.stackwatch.series..",
              "io.stackwatch.alarm..",
              "io.stackwatch.maintenance..",
              "io.stackwatch.dashboard..",
              "io.stackwatch.notify.grouping..");

  /**
   * The simulator is AWS's side of the wire, written against the JDK (and Jackson for JSON): it
   * borrows nothing from stackwatch, so it agrees with stackwatch only where both follow AWS.
   */
  @ArchTest
  static final ArchRule simulatorStandsAlone =
      classes()
          .that()
          .resideInAPackage("io.stackwatch.simulator..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "javax.xml..",
              "com.sun.net.httpserver..",
              "com.fasterxml.jackson..",
              "io.stackwatch.simulator..");

  /** One bridge starts the simulator for the application; nothing else of it reaches inside. */
  @ArchTest
  static final ArchRule oneBridgeToTheSimulator =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.stackwatch.simulator..")
          .and()
          .doNotHaveFullyQualifiedName("io.stackwatch.aws.SimulatorBridge")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.stackwatch.simulator..");
}
