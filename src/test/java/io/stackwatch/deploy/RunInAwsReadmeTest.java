package io.stackwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stackwatch.aws.AwsPermissions;
import io.stackwatch.aws.AwsPermissions.Permission;
import io.stackwatch.aws.AwsPermissions.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * deploy/README.md's "Run it in your AWS account" shows the IAM permissions as {@link
 * AwsPermissions} lists them: the table is generated from the list, and the example policy grants
 * exactly its actions.
 */
@Tag("plain")
class RunInAwsReadmeTest {

  static final String HEADING = "## Run it in your AWS account";

  /** The table of deploy/README.md, made from {@link AwsPermissions}. */
  static String permissionTable() {
    StringBuilder t = new StringBuilder();
    t.append("| IAM action | SDK call | granted on | what for |\n");
    t.append("|---|---|---|---|\n");
    for (Permission p : AwsPermissions.all()) {
      t.append("| `")
          .append(p.iamAction())
          .append("` | ")
          .append(p.service())
          .append(' ')
          .append(p.operation())
          .append(" | ")
          .append(
              switch (p.scope()) {
                case ANY_RESOURCE -> "`*`";
                case LOG_GROUPS -> "the watched log groups";
                case TOPICS -> "the configured topics";
                case ROLES -> "the configured roles";
              })
          .append(" | ")
          .append(p.purpose())
          .append(" |\n");
    }
    return t.toString();
  }

  static String section() throws IOException {
    String readme = Files.readString(Path.of("deploy/README.md"));
    int start = readme.indexOf("\n" + HEADING + "\n");
    assertThat(start).as("deploy/README.md has a section " + HEADING).isNotNegative();
    int end = readme.indexOf("\n## ", start + HEADING.length());
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  @Test
  void theTableListsEveryOperationStackwatchCalls() throws IOException {
    assertThat(section())
        .as(
            "deploy/README.md's permission table, generated from AwsPermissions; replace it with:\n%s",
            permissionTable())
        .contains(permissionTable());
  }

  @Test
  void theExamplePolicyGrantsExactlyThoseActionsEachOnItsScope() throws IOException {
    String section = section();
    int open = section.indexOf("```json\n");
    assertThat(open).as("a ```json policy in the section").isNotNegative();
    int close = section.indexOf("```", open + 8);
    JsonNode policy = new ObjectMapper().readTree(section.substring(open + 8, close));

    SortedSet<String> granted = new TreeSet<>();
    for (JsonNode statement : policy.get("Statement")) {
      SortedSet<String> actions = new TreeSet<>();
      statement.get("Action").forEach(a -> actions.add(a.asText()));
      granted.addAll(actions);
      if (statement.get("Resource").isTextual()) {
        assertThat(statement.get("Resource").asText()).isEqualTo("*");
        assertThat(actions)
            .as("granted on *")
            .isSubsetOf(AwsPermissions.iamActions(Scope.ANY_RESOURCE));
      }
    }
    assertThat(granted).isEqualTo(AwsPermissions.iamActions());
  }
}
