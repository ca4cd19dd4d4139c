package io.stackwatch.datafile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The jar ships the repository's data files, listed in {@value DataFiles#INDEX} since a fast-jar
 * cannot be listed: the list names exactly {@code alarms/*.yaml}, {@code dashboards/*.yaml} and
 * {@code dashboards/series/*.yaml} (no README, no Prometheus or Grafana file), and each reads from
 * the class path as it is in the repository. A file added to a folder and not to the list fails
 * here.
 */
@Tag("plain")
class ShippedFilesTest {

  @Test
  void theIndexListsExactlyTheRepositorysDataFiles() throws IOException {
    List<String> inRepository =
        Stream.of("alarms", "dashboards", "dashboards/series")
            .flatMap(ShippedFilesTest::yamlFiles)
            .sorted()
            .toList();

    assertThat(DataFiles.shipped())
        .extracting(DataFile::name)
        .containsExactlyElementsOf(inRepository)
        .contains("alarms/rds.yaml", "alarms/maintenance.yaml", "dashboards/series/aws.yaml")
        .noneMatch(n -> n.contains("prometheus") || n.contains("grafana") || n.endsWith(".md"));
  }

  @Test
  void everyShippedFileReadsAsInTheRepositoryAndIsKnownByItsName() throws IOException {
    for (DataFile f : DataFiles.shipped()) {
      assertThat(f.text()).as(f.name()).isEqualTo(Files.readString(Path.of(f.name())));
      assertThat(f.origin()).isEqualTo(f.name());
    }
  }

  private static Stream<String> yamlFiles(String folder) {
    try (Stream<Path> listing = Files.list(Path.of(folder))) {
      return listing
          .filter(Files::isRegularFile)
          .map(p -> folder + "/" + p.getFileName())
          .filter(n -> n.endsWith(".yaml"))
          .toList()
          .stream();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
