# Fixture of PermissionsPolicyTest: modules/stackwatch-permissions/main.tf granting
# cloudwatch:PutMetricData, which the code never calls.
# The AWS actions stackwatch calls, grouped by the resources they may be granted on. This is
# the one list in Terraform: the stackwatch task role and the read-only role build their
# policies from these outputs, and PermissionsPolicyTest checks the lists against the code's
# own list, io.stackwatch.aws.AwsPermissions. Add an action there first, then here.

terraform {
  required_version = ">= 1.11"
}

locals {
  # Reads without resource-level permissions ("*"). The RDS and EC2 describes list every
  # instance, snapshot, volume, address and group of the account, which only "*" covers.
  any_resource_actions = [
    "ce:GetCostAndUsage",
    "ce:GetCostForecast",
    "cloudwatch:GetMetricData",
    "cloudwatch:ListMetrics",
    "cloudwatch:PutMetricData",
    "ec2:DescribeAddresses",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeVolumes",
    "logs:DescribeLogGroups",
    "rds:DescribeDBInstances",
    "rds:DescribeDBSnapshots",
    "sqs:GetQueueAttributes",
    "sts:GetCallerIdentity",
    "tag:GetResources",
  ]

  # Reading log events: granted on the watched stack's log groups only.
  log_group_actions = [
    "logs:FilterLogEvents",
  ]

  # Alert summaries and the daily digest: granted on the configured topics only.
  topic_actions = [
    "sns:GetTopicAttributes",
    "sns:Publish",
  ]

  # Environments in other accounts: granted on their read-only roles only.
  role_actions = [
    "sts:AssumeRole",
  ]
}

output "any_resource_actions" {
  description = "Read actions granted on \"*\"."
  value       = local.any_resource_actions
}

output "log_group_actions" {
  description = "Read actions granted on the watched log groups."
  value       = local.log_group_actions
}

output "topic_actions" {
  description = "Actions granted on the configured SNS topics."
  value       = local.topic_actions
}

output "role_actions" {
  description = "Actions granted on the configured environment roles."
  value       = local.role_actions
}
