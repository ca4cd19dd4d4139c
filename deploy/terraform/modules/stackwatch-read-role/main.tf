# A read-only role in an environment's account, for a stackwatch that runs in another account.
# It grants the read actions of ../stackwatch-permissions and nothing else: no SNS, no STS. With
# cost_explorer_only, a role for the paying account that reads Cost Explorer only.

module "permissions" {
  source = "../stackwatch-permissions"
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  region = coalesce(var.region, "*")
  log_group_names = var.cost_explorer_only ? [] : coalesce(var.log_group_names, [
    "/ecs/${var.environment}",
    "/aws/lambda/${var.environment}-api",
    "/aws/lambda/${var.environment}-worker",
    "/aws/apigateway/${var.environment}",
  ])
  read_actions = var.cost_explorer_only ? [
    for a in module.permissions.any_resource_actions : a if startswith(a, "ce:")
  ] : module.permissions.any_resource_actions
  log_group_arns = sort(flatten([
    for group in local.log_group_names : [
      "arn:${data.aws_partition.current.partition}:logs:${local.region}:${data.aws_caller_identity.current.account_id}:log-group:${group}",
      "arn:${data.aws_partition.current.partition}:logs:${local.region}:${data.aws_caller_identity.current.account_id}:log-group:${group}:*",
    ]
  ]))
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = [var.stackwatch_task_role_arn]
    }
    dynamic "condition" {
      for_each = var.external_id == null ? [] : [1]
      content {
        test     = "StringEquals"
        variable = "sts:ExternalId"
        values   = [var.external_id]
      }
    }
  }
}

data "aws_iam_policy_document" "read" {
  statement {
    sid       = var.cost_explorer_only ? "ReadCostExplorer" : "ReadWatchedStack"
    actions   = local.read_actions
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = var.cost_explorer_only ? [] : [1]
    content {
      sid       = "ReadWatchedLogGroups"
      actions   = module.permissions.log_group_actions
      resources = local.log_group_arns
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = var.cost_explorer_only ? "stackwatch reads Cost Explorer" : "stackwatch reads the ${var.environment} environment"
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.max_session_duration
  tags                 = var.tags
}

resource "aws_iam_role_policy" "read" {
  name   = "stackwatch-read"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.read.json
}
