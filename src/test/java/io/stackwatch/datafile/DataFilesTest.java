package io.stackwatch.datafile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration directory laid over the shipped files by relative name: a new name adds, a
 * shipped name replaces, an empty file removes; only {@code *.yaml} directly in a folder of the
 * layout counts; a missing directory is a problem naming the setting; and it is read again at every
 * call.
 */
@Tag("plain")
class DataFilesTest {

  static final List<DataFile> SHIPPED =
      List.of(
          new DataFile("alarms/rds.yaml", "alarms/rds.yaml", "rules: []\n"),
          new DataFile("alarms/sqs.yaml", "alarms/sqs.yaml", "rules: []\n"),
          new DataFile("alarms/maintenance.yaml", "alarms/maintenance.yaml", "items: []\n"),
          new DataFile("dashboards/overview.yaml", "dashboards/overview.yaml", "page: overview\n"),
          new DataFile("dashboards/series/aws.yaml", "dashboards/series/aws.yaml", "groups:\n"));

  @TempDir Path dir;

  @Test
  void withoutADirectoryTheShippedFilesAloneByFolder() {
    DataFiles files = new DataFiles(SHIPPED, Optional.empty());

    assertThat(files.folder("alarms"))
        .extracting(DataFile::name)
        .containsExactly("alarms/maintenance.yaml", "alarms/rds.yaml", "alarms/sqs.yaml");
    assertThat(files.folder("dashboards"))
        .extracting(DataFile::name)
        .containsExactly("dashboards/overview.yaml");
    assertThat(files.folder("dashboards/series")).hasSize(1);
    assertThat(files.file("alarms/maintenance.yaml")).isPresent();
    assertThat(files.problems()).isEmpty();
  }

  @Test
  void aNewNameAddsASameNameReplacesAndAnEmptyFileRemoves() throws IOException {
    write("alarms/payments.yaml", "rules: [] # mine\n");
    write("alarms/rds.yaml", "rules:\n  - id: mine\n");
    write("alarms/sqs.yaml", "# no queues here\n\n");
    write("alarms/maintenance.yaml", "");
    write("alarms/README.md", "not read");
    write("alarms/old.yml", "not read");
    write("alarms/nested/deep.yaml", "not read");
    DataFiles files = new DataFiles(SHIPPED, Optional.of(dir));

    assertThat(files.folder("alarms"))
        .extracting(DataFile::name, DataFile::origin)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "alarms/payments.yaml", dir.resolve("alarms/payments.yaml").toString()),
            org.assertj.core.groups.Tuple.tuple(
                "alarms/rds.yaml", dir.resolve("alarms/rds.yaml").toString()));
    assertThat(files.file("alarms/rds.yaml").orElseThrow().text()).contains("id: mine");
    assertThat(files.file("alarms/maintenance.yaml")).isEmpty();
    // Folders the directory does not have keep the shipped files.
    assertThat(files.folder("dashboards"))
        .extracting(DataFile::origin)
        .containsExactly("dashboards/overview.yaml");

    // Read again at every call: a reload sees a file added since.
    write("alarms/later.yaml", "rules: []\n");
    assertThat(files.folder("alarms")).extracting(DataFile::fileName).contains("later.yaml");
  }

  @Test
  void aMissingDirectoryIsAProblemNamingTheSetting() throws IOException {
    DataFiles missing = new DataFiles(SHIPPED, Optional.of(dir.resolve("nope")));
    assertThat(missing.problems())
        .containsExactly(
            "stackwatch.config-directory: " + dir.resolve("nope") + ": no such directory");
    assertThatThrownBy(() -> missing.folder("alarms"))
        .isInstanceOf(DataFileException.class)
        .hasMessage("stackwatch.config-directory: " + dir.resolve("nope") + ": no such directory");

    Path file = write("plain-file", "x");
    assertThat(new DataFiles(SHIPPED, Optional.of(file)).problems())
        .containsExactly("stackwatch.config-directory: " + file + " is not a directory");
  }

  private Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }
}
