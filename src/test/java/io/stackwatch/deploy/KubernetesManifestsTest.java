package io.stackwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackwatch.alarm.RuleLoader;
import io.stackwatch.dashboard.Dashboard;
import io.stackwatch.dashboard.DashboardLoader;
import io.stackwatch.dashboard.DashboardLoaderTest;
import io.stackwatch.datafile.DataFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/kubernetes}, parsed with fabric8's Kubernetes model as the API server would read
 * it: probes, an unprivileged read-only container with its resources, selectors that match, and
 * ConfigMaps holding exactly the shipped rule and dashboard files, mounted as the configuration
 * directory ({@code stackwatch.config-directory}) where an operator edits them.
 *
 * <p>The two ConfigMaps are made from {@code alarms/*.yaml} and {@code dashboards/*.yaml}; after
 * changing those, rewrite them with {@code ./mvnw test -Dtest=KubernetesManifestsTest
 * -Dstackwatch.deploy.write=true}.
 */
@Tag("plain")
class KubernetesManifestsTest {

  static final Path DIR = Path.of("deploy/kubernetes");
  static final Path ALARMS_MAP = DIR.resolve("configmap-alarms.yaml");
  static final Path DASHBOARDS_MAP = DIR.resolve("configmap-dashboards.yaml");
  static final String REGENERATE =
      "./mvnw test -Dtest=KubernetesManifestsTest -Dstackwatch.deploy.write=true";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static <T> T read(String file, Class<T> type) throws IOException {
    return YAML.readValue(DIR.resolve(file).toFile(), type);
  }

  static Container container(Deployment d) {
    List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  static Map<String, String> env(Container c) {
    return c.getEnv().stream()
        .filter(e -> e.getValue() != null)
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void everyManifestParsesAndKustomizeAppliesThemAll() throws IOException {
    List<String> manifests;
    try (Stream<Path> files = Files.list(DIR)) {
      manifests =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
              .sorted()
              .toList();
    }
    for (String m : manifests) {
      KubernetesResource r = read(m, KubernetesResource.class);
      assertThat(r).as(m).isInstanceOf(HasMetadata.class);
      assertThat(((HasMetadata) r).getMetadata().getName()).as(m).startsWith("stackwatch");
    }
    assertThat(read("deployment.yaml", KubernetesResource.class)).isInstanceOf(Deployment.class);
    assertThat(read("servicemonitor.yaml", KubernetesResource.class))
        .isInstanceOf(GenericKubernetesResource.class);

    Map<String, Object> kustomization =
        new Yaml().load(Files.readString(DIR.resolve("kustomization.yaml")));
    assertThat(kustomization.get("resources"))
        .asList()
        .containsExactlyInAnyOrderElementsOf(manifests);
  }

  @Test
  void probesAskLivenessAndReadinessOfTheHttpPort() throws IOException {
    Container c = container(read("deployment.yaml", Deployment.class));

    assertThat(c.getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("http");
              assertThat(p.getContainerPort()).isEqualTo(8080);
            });
    assertThat(path(c.getLivenessProbe())).isEqualTo("/q/health/live");
    assertThat(path(c.getStartupProbe())).isEqualTo("/q/health/live");
    assertThat(path(c.getReadinessProbe())).isEqualTo("/q/health/ready");
    assertThat(Stream.of(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe()))
        .allSatisfy(p -> assertThat(p.getHttpGet().getPort().getStrVal()).isEqualTo("http"));
  }

  private static String path(Probe p) {
    assertThat(p).isNotNull();
    return p.getHttpGet().getPath();
  }

  @Test
  void runsAsTheImagesUnprivilegedUserOnAReadOnlyRootWithBoundedResources() throws IOException {
    Deployment d = read("deployment.yaml", Deployment.class);
    PodSpec pod = d.getSpec().getTemplate().getSpec();
    Container c = container(d);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    // The USER of src/main/docker/Dockerfile.jvm.
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");

    Map<String, Quantity> requests = c.getResources().getRequests();
    Map<String, Quantity> limits = c.getResources().getLimits();
    assertThat(requests).containsKeys("cpu", "memory");
    assertThat(limits).containsKeys("cpu", "memory");
    assertThat(Quantity.getAmountInBytes(limits.get("memory")))
        .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get("memory")));

    // What the read-only root leaves writable: /tmp, and the H2 store's ./data.
    Map<String, Volume> volumes =
        pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
    Map<String, String> writable =
        c.getVolumeMounts().stream()
            .filter(m -> !Boolean.TRUE.equals(m.getReadOnly()))
            .collect(Collectors.toMap(VolumeMount::getMountPath, VolumeMount::getName));
    assertThat(writable).containsOnlyKeys("/tmp", "/app/data");
    assertThat(writable.values())
        .allSatisfy(v -> assertThat(volumes.get(v).getEmptyDir()).as(v).isNotNull());
  }

  @Test
  void selectorsMatchThePodsLabels() throws IOException {
    Deployment d = read("deployment.yaml", Deployment.class);
    Service s = read("service.yaml", Service.class);
    GenericKubernetesResource monitor =
        read("servicemonitor.yaml", GenericKubernetesResource.class);
    ServiceAccount account = read("serviceaccount.yaml", ServiceAccount.class);
    Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();

    assertThat(podLabels).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
    assertThat(podLabels).containsAllEntriesOf(s.getSpec().getSelector());
    assertThat(d.getSpec().getTemplate().getSpec().getServiceAccountName())
        .isEqualTo(account.getMetadata().getName());

    // The Service forwards to the container's named port, and the monitor scrapes it.
    assertThat(s.getSpec().getPorts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getTargetPort().getStrVal()).isEqualTo("http");
              assertThat(p.getName()).isEqualTo("http");
            });
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
    Map<String, String> monitorSelects = monitor.get("spec", "selector", "matchLabels");
    assertThat(s.getMetadata().getLabels()).containsAllEntriesOf(monitorSelects);
    List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
    assertThat(endpoints)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e).containsEntry("port", "http");
              assertThat(e).containsEntry("path", "/q/metrics");
              assertThat(e).containsEntry("interval", "60s");
            });
  }

  @Test
  void theRuleFilesAreMountedInTheConfigurationDirectory() throws IOException {
    Deployment d = read("deployment.yaml", Deployment.class);
    Container c = container(d);
    Map<String, String> volumeToConfigMap =
        d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getConfigMap() != null)
            .collect(Collectors.toMap(Volume::getName, v -> v.getConfigMap().getName()));
    Map<String, String> mountedConfigMaps =
        c.getVolumeMounts().stream()
            .filter(m -> volumeToConfigMap.containsKey(m.getName()))
            .collect(
                Collectors.toMap(
                    m -> volumeToConfigMap.get(m.getName()), VolumeMount::getMountPath));

    String configDirectory = env(c).get("STACKWATCH_CONFIG_DIRECTORY");
    assertThat(configDirectory).startsWith("/");
    assertThat(mountedConfigMaps)
        .containsEntry("stackwatch-alarms", configDirectory + "/alarms")
        .containsEntry("stackwatch-dashboards", configDirectory + "/dashboards");
  }

  @Test
  void theAlarmsConfigMapHoldsEveryRuleFileVerbatim(@TempDir Path mounted) throws IOException {
    List<Path> files = ConfigMapFile.files(Path.of("alarms"), n -> n.endsWith(".yaml"));
    assertThat(files).hasSizeGreaterThanOrEqualTo(9);
    assertUpToDate(ALARMS_MAP, "stackwatch-alarms", "alarms/*.yaml", files);

    ConfigMap map = read(ALARMS_MAP.getFileName().toString(), ConfigMap.class);
    assertThat(map.getData().keySet())
        .containsExactlyElementsOf(files.stream().map(f -> f.getFileName().toString()).toList());
    for (Path f : files) {
      assertThat(map.getData().get(f.getFileName().toString())).isEqualTo(Files.readString(f));
    }

    // As mounted in the pod's configuration directory, the files load as the shipped rules do.
    Files.createDirectories(mounted.resolve("alarms"));
    for (Map.Entry<String, String> e : map.getData().entrySet()) {
      Files.writeString(mounted.resolve("alarms").resolve(e.getKey()), e.getValue());
    }
    DataFiles configured = DataFiles.shippedAnd(Optional.of(mounted));
    assertThat(RuleLoader.ruleFiles(configured))
        .allSatisfy(f -> assertThat(f.origin()).startsWith(mounted.toString()));
    assertThat(RuleLoader.load(configured)).isEqualTo(RuleLoader.load(Path.of("alarms")));
  }

  @Test
  void theDashboardsConfigMapHoldsEveryDashboardFileVerbatim(@TempDir Path mounted)
      throws IOException {
    List<Path> files = ConfigMapFile.files(Path.of("dashboards"), n -> n.endsWith(".yaml"));
    assertThat(files).isNotEmpty();
    assertUpToDate(DASHBOARDS_MAP, "stackwatch-dashboards", "dashboards/*.yaml", files);

    ConfigMap map = read(DASHBOARDS_MAP.getFileName().toString(), ConfigMap.class);
    assertThat(map.getData().keySet())
        .containsExactlyElementsOf(files.stream().map(f -> f.getFileName().toString()).toList());
    for (Path f : files) {
      assertThat(map.getData().get(f.getFileName().toString())).isEqualTo(Files.readString(f));
    }

    // As mounted in the pod's configuration directory, they load as the shipped ones do.
    Files.createDirectories(mounted.resolve("dashboards"));
    for (Map.Entry<String, String> e : map.getData().entrySet()) {
      Files.writeString(mounted.resolve("dashboards").resolve(e.getKey()), e.getValue());
    }
    DataFiles configured = DataFiles.shippedAnd(Optional.of(mounted));
    assertThat(configured.folder(DashboardLoader.FOLDER))
        .allSatisfy(f -> assertThat(f.origin()).startsWith(mounted.toString()));
    assertThat(DashboardLoader.load(configured, DashboardLoaderTest.OFFERED))
        .extracting(Dashboard::sections)
        .isEqualTo(
            DashboardLoader.load(Path.of("dashboards"), DashboardLoaderTest.OFFERED).stream()
                .map(Dashboard::sections)
                .toList());
  }

  @Test
  void aFileOfAnyShapeReadsBackExactly() throws IOException {
    Map<String, String> texts =
        Map.of(
            "plain.yaml", "rules:\n  - id: a\n",
            "no-newline.txt", "last line",
            "blank-lines.txt", "\n\n  indented first\n\ttab\n\n",
            "spaces.txt", "  leading\ntrailing  \n   \n");
    StringBuilder manifest = new StringBuilder("apiVersion: v1\nkind: ConfigMap\n");
    manifest.append("metadata:\n  name: t\ndata:\n");
    texts.forEach(
        (k, v) -> manifest.append("  ").append(k).append(": ").append(ConfigMapFile.block(v)));

    ConfigMap map = YAML.readValue(manifest.toString(), ConfigMap.class);

    assertThat(map.getData()).isEqualTo(texts);
  }

  private static void assertUpToDate(Path manifest, String name, String source, List<Path> files)
      throws IOException {
    String expected =
        ConfigMapFile.render(
            name, "Made from " + source + " by KubernetesManifestsTest: " + REGENERATE, files);
    if (Boolean.getBoolean("stackwatch.deploy.write")) {
      Files.writeString(manifest, expected);
    }
    assertThat(Files.exists(manifest) ? Files.readString(manifest) : "")
        .as(manifest + " is out of date with " + source + "; rewrite it with " + REGENERATE)
        .isEqualTo(expected);
  }
}
