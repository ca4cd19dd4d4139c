# terraform test: the read-only role planned against a mocked AWS provider.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "222222222222" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
}

variables {
  stackwatch_task_role_arn = "arn:aws:iam::111111111111:role/stackwatch-task"
  environment              = "dev"
  external_id              = "dev-external-id"
}

run "plan" {
  command = plan

  assert {
    condition     = [for s in data.aws_iam_policy_document.read.statement : s.sid] == ["ReadWatchedStack", "ReadWatchedLogGroups"]
    error_message = "reads only: no SNS, no STS"
  }

  assert {
    condition     = contains(data.aws_iam_policy_document.read.statement[1].resources, "arn:aws:logs:*:222222222222:log-group:/aws/lambda/dev-worker:*")
    error_message = "log events of dev's log groups"
  }

  assert {
    condition     = toset(flatten([for p in data.aws_iam_policy_document.trust.statement[0].principals : p.identifiers])) == toset(["arn:aws:iam::111111111111:role/stackwatch-task"])
    error_message = "only the stackwatch task role may assume it"
  }

  assert {
    condition     = toset(flatten([for c in data.aws_iam_policy_document.trust.statement[0].condition : c.values])) == toset(["dev-external-id"])
    error_message = "the external id is required"
  }
}

run "cost_explorer_only" {
  command = plan

  variables {
    environment        = null
    cost_explorer_only = true
  }

  assert {
    condition     = [for s in data.aws_iam_policy_document.read.statement : s.sid] == ["ReadCostExplorer"]
    error_message = "one statement"
  }

  assert {
    condition     = toset(data.aws_iam_policy_document.read.statement[0].actions) == toset(["ce:GetCostAndUsage", "ce:GetCostForecast"])
    error_message = "Cost Explorer reads only"
  }
}

run "environment_required" {
  command = plan

  variables {
    environment = null
  }

  expect_failures = [var.environment]
}
