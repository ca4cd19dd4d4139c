# Roles of the stackwatch task. The task role grants exactly the actions of
# ../stackwatch-permissions (the list checked against io.stackwatch.aws.AwsPermissions), each on
# the narrowest resources it supports; no action is written here by hand.

module "permissions" {
  source = "../stackwatch-permissions"
}

locals {
  # Environments read with the task role itself (same account); the others through their roles.
  local_environments = { for name, e in var.environments : name => e if e.role_arn == null }

  # The seed's log groups of an environment, which the maintenance checks read.
  default_log_group_names = {
    for name in keys(var.environments) : name => [
      "/ecs/${name}",
      "/aws/lambda/${name}-api",
      "/aws/lambda/${name}-worker",
      "/aws/apigateway/${name}",
    ]
  }

  log_group_arns = sort(flatten([
    for name, e in local.local_environments : [
      for group in coalesce(e.log_group_names, local.default_log_group_names[name]) : [
        "arn:${local.partition}:logs:${e.region}:${local.account_id}:log-group:${group}",
        "arn:${local.partition}:logs:${e.region}:${local.account_id}:log-group:${group}:*",
      ]
    ]
  ]))

  topic_arns = sort(distinct(compact(flatten([
    for e in values(var.environments) : [e.alerts_topic_arn, e.notifications_topic_arn]
  ]))))

  role_arns = sort(distinct(compact(concat(
    [for e in values(var.environments) : e.role_arn],
    [var.cost_explorer_role_arn],
  ))))

  # Cost Explorer is read with the task role unless a role of the paying account is given; the
  # rest of the reads only for environments in this account.
  cost_explorer_actions = [for a in module.permissions.any_resource_actions : a if startswith(a, "ce:")]
  any_resource_actions = sort(distinct(concat(
    length(local.local_environments) > 0 ? module.permissions.any_resource_actions : [],
    var.cost_explorer_role_arn == null ? local.cost_explorer_actions : [],
  )))
}

data "aws_iam_policy_document" "task" {
  dynamic "statement" {
    for_each = length(local.any_resource_actions) > 0 ? [1] : []
    content {
      sid       = "ReadWatchedStack"
      actions   = local.any_resource_actions
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = length(local.log_group_arns) > 0 ? [1] : []
    content {
      sid       = "ReadWatchedLogGroups"
      actions   = module.permissions.log_group_actions
      resources = local.log_group_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.topic_arns) > 0 ? [1] : []
    content {
      sid       = "PublishAlerts"
      actions   = module.permissions.topic_actions
      resources = local.topic_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.role_arns) > 0 ? [1] : []
    content {
      sid       = "ReadOtherAccounts"
      actions   = module.permissions.role_actions
      resources = local.role_arns
    }
  }
}

data "aws_iam_policy_document" "ecs_tasks_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  description        = "stackwatch: reads the watched stack, publishes alert summaries"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "task" {
  name   = "stackwatch"
  role   = aws_iam_role.task.id
  policy = data.aws_iam_policy_document.task.json
}

# The execution role: what ECS needs to start the task (pull the image, write its logs, read
# the database password), nothing the application itself uses.
locals {
  # 123456789012.dkr.ecr.us-east-1.amazonaws.com/name[:tag|@digest]
  ecr_image = regexall("^([0-9]{12})\\.dkr\\.ecr\\.([a-z0-9-]+)\\.amazonaws\\.com/([^:@]+)", var.image)
  ecr_repository_arn = length(local.ecr_image) == 0 ? null : format(
    "arn:%s:ecr:%s:%s:repository/%s",
    local.partition, local.ecr_image[0][1], local.ecr_image[0][0], local.ecr_image[0][2],
  )
  password_value_from = var.database.password_secret_key == null ? var.database.password_secret_arn : "${var.database.password_secret_arn}:${var.database.password_secret_key}::"
}

data "aws_iam_policy_document" "execution" {
  dynamic "statement" {
    for_each = local.ecr_repository_arn == null ? [] : [1]
    content {
      sid       = "EcrLogin"
      actions   = ["ecr:GetAuthorizationToken"]
      resources = ["*"]
    }
  }

  dynamic "statement" {
    for_each = local.ecr_repository_arn == null ? [] : [1]
    content {
      sid       = "PullImage"
      actions   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      resources = [local.ecr_repository_arn]
    }
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }

  statement {
    sid       = "ReadDatabasePassword"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = concat([var.database.password_secret_arn], var.sign_in.oidc == null ? [] : [var.sign_in.oidc.client_secret_arn])
  }

  dynamic "statement" {
    for_each = var.database.kms_key_arn == null ? [] : [1]
    content {
      sid       = "DecryptDatabasePassword"
      actions   = ["kms:Decrypt"]
      resources = [var.database.kms_key_arn]
      condition {
        test     = "StringEquals"
        variable = "kms:ViaService"
        values   = ["secretsmanager.${local.region}.amazonaws.com"]
      }
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  description        = "stackwatch: ECS pulls the image, writes logs, reads the database password"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = var.tags
}

resource "aws_iam_role_policy" "execution" {
  name   = "ecs-execution"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}
