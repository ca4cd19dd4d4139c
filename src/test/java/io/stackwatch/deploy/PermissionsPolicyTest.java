package io.stackwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackwatch.aws.AwsPermissions;
import io.stackwatch.aws.AwsPermissions.Scope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The IAM policies of {@code deploy/terraform} grant exactly the AWS actions stackwatch calls, as
 * listed in {@link AwsPermissions}: nothing missing (stackwatch would fail with AccessDenied),
 * nothing more (least privilege), each on the resources of its scope.
 */
@Tag("plain")
class PermissionsPolicyTest {

  static final Path TERRAFORM = Path.of("deploy/terraform");
  static final Path PERMISSIONS = TERRAFORM.resolve("modules/stackwatch-permissions/main.tf");
  static final Path FIXTURES = Path.of("src/test/resources/deploy");

  /** The Terraform list of each scope in the permissions module. */
  static final Map<Scope, String> LISTS =
      Map.of(
          Scope.ANY_RESOURCE, "any_resource_actions",
          Scope.LOG_GROUPS, "log_group_actions",
          Scope.TOPICS, "topic_actions",
          Scope.ROLES, "role_actions");

  /** What ECS itself needs to start the task, and the trust policies: not stackwatch's calls. */
  static final Set<String> INFRASTRUCTURE_ACTIONS =
      Set.of(
          "sts:AssumeRole",
          "ecr:GetAuthorizationToken",
          "ecr:BatchCheckLayerAvailability",
          "ecr:BatchGetImage",
          "ecr:GetDownloadUrlForLayer",
          "logs:CreateLogStream",
          "logs:PutLogEvents",
          "secretsmanager:GetSecretValue",
          "kms:Decrypt");

  private static final Pattern LIST = Pattern.compile("(?s)\\b(\\w+_actions)\\s*=\\s*\\[(.*?)]");
  private static final Pattern ACTION = Pattern.compile("\"([a-z0-9-]+:[A-Za-z0-9*]+)\"");

  /** Any list or string an IAM action may be written in: actions = [...], "Action": "...". */
  private static final Pattern ANY_ACTIONS =
      Pattern.compile("(?s)\\b\\w*[aA]ctions?\"?\\s*[=:]\\s*(\\[.*?]|\"[^\"]*\")");

  /** The {@code *_actions = [...]} lists of a Terraform file, comments left out. */
  static Map<String, SortedSet<String>> actionLists(Path tf) throws IOException {
    String text = withoutComments(Files.readString(tf));
    Map<String, SortedSet<String>> lists = new LinkedHashMap<>();
    Matcher m = LIST.matcher(text);
    while (m.find()) {
      lists.put(m.group(1), actions(m.group(2)));
    }
    return lists;
  }

  static SortedSet<String> actions(String text) {
    SortedSet<String> out = new TreeSet<>();
    Matcher a = ACTION.matcher(text);
    while (a.find()) {
      out.add(a.group(1));
    }
    return out;
  }

  static String withoutComments(String hcl) {
    return hcl.lines()
        .map(l -> l.replaceFirst("^\\s*(#|//).*", ""))
        .collect(Collectors.joining("\n"));
  }

  /**
   * Fails, naming every difference, unless the lists of {@code tf} grant exactly the actions of
   * {@link AwsPermissions}, scope by scope.
   */
  static void assertGrantsExactlyWhatTheCodeCalls(Path tf) throws IOException {
    Map<String, SortedSet<String>> lists = actionLists(tf);
    List<String> problems = new ArrayList<>();
    if (!lists.keySet().equals(Set.copyOf(LISTS.values()))) {
      problems.add("lists " + lists.keySet() + ", expected " + new TreeSet<>(LISTS.values()));
    }
    for (Scope scope : Scope.values()) {
      String name = LISTS.get(scope);
      SortedSet<String> code = AwsPermissions.iamActions(scope);
      SortedSet<String> policy = lists.getOrDefault(name, new TreeSet<>());
      SortedSet<String> missing = new TreeSet<>(code);
      missing.removeAll(policy);
      SortedSet<String> extra = new TreeSet<>(policy);
      extra.removeAll(code);
      if (!missing.isEmpty()) {
        problems.add(name + ": called by the code but missing from the policy: " + missing);
      }
      if (!extra.isEmpty()) {
        problems.add(name + ": granted but never called by the code: " + extra);
      }
    }
    if (!problems.isEmpty()) {
      throw new AssertionError(
          tf
              + " differs from io.stackwatch.aws.AwsPermissions:\n  "
              + String.join("\n  ", problems));
    }
  }

  @Test
  void theTerraformPolicyGrantsExactlyTheActionsTheCodeCalls() throws IOException {
    assertGrantsExactlyWhatTheCodeCalls(PERMISSIONS);
  }

  @Test
  void anOperationTheCodeCallsButThePolicyLacksFailsTheCheck() {
    assertThatThrownBy(
            () ->
                assertGrantsExactlyWhatTheCodeCalls(
                    FIXTURES.resolve("permissions-missing-action.tf")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "any_resource_actions: called by the code but missing from the policy:"
                + " [rds:DescribeDBSnapshots]")
        .hasMessageNotContaining("granted but never called");
  }

  @Test
  void anActionThePolicyGrantsButTheCodeNeverCallsFailsTheCheck() {
    assertThatThrownBy(
            () ->
                assertGrantsExactlyWhatTheCodeCalls(
                    FIXTURES.resolve("permissions-extra-action.tf")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(
            "any_resource_actions: granted but never called by the code: [cloudwatch:PutMetricData]")
        .hasMessageNotContaining("missing from the policy");
  }

  @Test
  void theRolesTakeTheirActionsFromThePermissionsModule() throws IOException {
    String task = Files.readString(TERRAFORM.resolve("modules/stackwatch/iam.tf"));
    String read = Files.readString(TERRAFORM.resolve("modules/stackwatch-read-role/main.tf"));

    for (String list : LISTS.values()) {
      assertThat(task).as("task role").contains("module.permissions." + list);
    }
    assertThat(read)
        .as("read-only role")
        .contains(
            "module.permissions." + LISTS.get(Scope.ANY_RESOURCE),
            "module.permissions." + LISTS.get(Scope.LOG_GROUPS))
        .doesNotContain(
            "module.permissions." + LISTS.get(Scope.TOPICS),
            "module.permissions." + LISTS.get(Scope.ROLES));
  }

  @Test
  void noOtherTerraformFileGrantsAnActionOfItsOwn() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(TERRAFORM)) {
      files =
          walk.filter(f -> f.toString().endsWith(".tf"))
              .filter(f -> !f.equals(PERMISSIONS))
              .filter(f -> !f.toString().contains("/.terraform/"))
              .sorted()
              .toList();
    }
    assertThat(files).hasSizeGreaterThan(5);
    for (Path f : files) {
      SortedSet<String> granted = new TreeSet<>();
      Matcher m = ANY_ACTIONS.matcher(withoutComments(Files.readString(f)));
      while (m.find()) {
        granted.addAll(actions(m.group(1)));
      }
      assertThat(granted)
          .as(f + ": actions outside the permissions module")
          .isSubsetOf(INFRASTRUCTURE_ACTIONS);
    }
  }
}
