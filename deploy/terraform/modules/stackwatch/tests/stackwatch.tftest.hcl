# terraform test: the module planned against a mocked AWS provider (no account, no network).
# What it asserts is what the plan decides: environment variables, secrets, IAM statements.

mock_provider "aws" {
  # A mocked policy document has no real JSON; roles and policies need one to plan.
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  override_data {
    target = data.aws_caller_identity.current
    values = { account_id = "111111111111" }
  }
  override_data {
    target = data.aws_partition.current
    values = { partition = "aws" }
  }
  override_data {
    target = data.aws_region.current
    values = { name = "us-east-1" }
  }
}

variables {
  image              = "111111111111.dkr.ecr.us-east-1.amazonaws.com/stackwatch:0.1.0"
  cluster_arn        = "arn:aws:ecs:us-east-1:111111111111:cluster/prod-cluster"
  vpc_id             = "vpc-0123456789abcdef0"
  private_subnet_ids = ["subnet-0a", "subnet-0b"]
  load_balancer = {
    listener_arn      = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/prod-alb/1/2"
    security_group_id = "sg-alb"
    host_header       = "stackwatch.example.com"
    source_ip_cidrs   = ["203.0.113.0/24"]
  }
  database = {
    jdbc_url            = "jdbc:postgresql://prod-db.example.us-east-1.rds.amazonaws.com:5432/stackwatch"
    username            = "stackwatch"
    password_secret_arn = "arn:aws:secretsmanager:us-east-1:111111111111:secret:stackwatch-db-AbCdEf"
    password_secret_key = "password"
    security_group_id   = "sg-db"
  }
  environments = {
    prod = {
      region                  = "us-east-1"
      monthly_budget          = 600
      allocated_storage_gb    = 100
      alerts_topic_arn        = "arn:aws:sns:us-east-1:111111111111:prod-alerts"
      notifications_topic_arn = "arn:aws:sns:us-east-1:111111111111:prod-notifications"
      settings                = { "resources.http-api-id" = "a1b2c3d4e5" }
    }
    dev = {
      region           = "us-east-1"
      monthly_budget   = 80
      role_arn         = "arn:aws:iam::222222222222:role/stackwatch-read"
      external_id      = "dev-external-id"
      alerts_topic_arn = "arn:aws:sns:us-east-1:222222222222:dev-alerts"
    }
  }
  sign_in = {
    oidc = {
      issuer            = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example"
      client_id         = "stackwatch-client"
      client_secret_arn = "arn:aws:secretsmanager:us-east-1:111111111111:secret:stackwatch-oidc-AbCdEf"
      roles_claim       = "\"cognito:groups\""
      groups            = { operator = ["ops"], admin = ["platform"] }
    }
  }
}

run "plan" {
  command = plan

  assert {
    condition = {
      for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : e.name => e.value
      } == {
      STACKWATCH_AUTH_MODE                               = "oidc"
      STACKWATCH_AUTH_OPEN_PATHS                         = "/q/health,/q/health/*,/q/metrics"
      QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING        = "true"
      QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED               = "true"
      QUARKUS_OIDC_AUTH_SERVER_URL                       = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example"
      QUARKUS_OIDC_CLIENT_ID                             = "stackwatch-client"
      QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH                 = "\"cognito:groups\""
      STACKWATCH_AUTH_OIDC_ROLES_OPERATOR                = "ops"
      STACKWATCH_AUTH_OIDC_ROLES_ADMIN                   = "platform"
      QUARKUS_HTTP_HOST                                  = "0.0.0.0"
      QUARKUS_HTTP_PORT                                  = "8080"
      STACKWATCH_SOURCE                                  = "aws"
      STACKWATCH_STORE_JDBC_URL                          = "jdbc:postgresql://prod-db.example.us-east-1.rds.amazonaws.com:5432/stackwatch"
      STACKWATCH_STORE_USERNAME                          = "stackwatch"
      STACKWATCH_ENVIRONMENTS_PROD_REGION                = "us-east-1"
      STACKWATCH_ENVIRONMENTS_PROD_MONTHLY_BUDGET        = "600"
      STACKWATCH_ENVIRONMENTS_PROD_ALLOCATED_STORAGE_GB  = "100"
      STACKWATCH_NOTIFY_TOPICS_PROD_ALERTS_ARN           = "arn:aws:sns:us-east-1:111111111111:prod-alerts"
      STACKWATCH_NOTIFY_TOPICS_PROD_NOTIFICATIONS_ARN    = "arn:aws:sns:us-east-1:111111111111:prod-notifications"
      STACKWATCH_ENVIRONMENTS_PROD_RESOURCES_HTTP_API_ID = "a1b2c3d4e5"
      STACKWATCH_ENVIRONMENTS_DEV_REGION                 = "us-east-1"
      STACKWATCH_ENVIRONMENTS_DEV_MONTHLY_BUDGET         = "80"
      STACKWATCH_ENVIRONMENTS_DEV_ROLE_ARN               = "arn:aws:iam::222222222222:role/stackwatch-read"
      STACKWATCH_ENVIRONMENTS_DEV_EXTERNAL_ID            = "dev-external-id"
      STACKWATCH_NOTIFY_TOPICS_DEV_ALERTS_ARN            = "arn:aws:sns:us-east-1:222222222222:dev-alerts"
    }
    error_message = "container environment differs"
  }

  assert {
    condition = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].secrets == [{
      name      = "STACKWATCH_STORE_PASSWORD"
      valueFrom = "arn:aws:secretsmanager:us-east-1:111111111111:secret:stackwatch-db-AbCdEf:password::"
      }, {
      name      = "QUARKUS_OIDC_CREDENTIALS_SECRET"
      valueFrom = "arn:aws:secretsmanager:us-east-1:111111111111:secret:stackwatch-oidc-AbCdEf"
    }]
    error_message = "the database password from the secret's password key, the OIDC client secret from its secret"
  }

  assert {
    condition     = jsondecode(aws_ecs_task_definition.this.container_definitions)[0].readonlyRootFilesystem
    error_message = "read-only root filesystem"
  }

  assert {
    condition     = aws_cloudwatch_log_group.this.name == "/ecs/stackwatch" && aws_cloudwatch_log_group.this.retention_in_days == 30
    error_message = "log group /ecs/stackwatch, 30 days"
  }

  assert {
    condition     = aws_lb_target_group.this.health_check[0].path == "/q/health/live"
    error_message = "the ALB checks liveness"
  }

  # Statements in order: reads on "*" (prod is read with the task role), prod's log groups,
  # the three topics, dev's role.
  assert {
    condition = [for s in data.aws_iam_policy_document.task.statement : s.sid] == [
      "ReadWatchedStack", "ReadWatchedLogGroups", "PublishAlerts", "ReadOtherAccounts",
    ]
    error_message = "task policy statements"
  }

  assert {
    condition = toset(data.aws_iam_policy_document.task.statement[1].resources) == toset([
      "arn:aws:logs:us-east-1:111111111111:log-group:/ecs/prod",
      "arn:aws:logs:us-east-1:111111111111:log-group:/ecs/prod:*",
      "arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/prod-api",
      "arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/prod-api:*",
      "arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/prod-worker",
      "arn:aws:logs:us-east-1:111111111111:log-group:/aws/lambda/prod-worker:*",
      "arn:aws:logs:us-east-1:111111111111:log-group:/aws/apigateway/prod",
      "arn:aws:logs:us-east-1:111111111111:log-group:/aws/apigateway/prod:*",
    ])
    error_message = "log events are read from prod's log groups only (dev is read through its role)"
  }

  assert {
    condition = toset(data.aws_iam_policy_document.task.statement[2].resources) == toset([
      "arn:aws:sns:us-east-1:111111111111:prod-alerts",
      "arn:aws:sns:us-east-1:111111111111:prod-notifications",
      "arn:aws:sns:us-east-1:222222222222:dev-alerts",
    ])
    error_message = "SNS Publish on the configured topics only"
  }

  assert {
    condition     = toset(data.aws_iam_policy_document.task.statement[3].resources) == toset(["arn:aws:iam::222222222222:role/stackwatch-read"])
    error_message = "AssumeRole on the configured roles only"
  }

  assert {
    condition     = [for s in data.aws_iam_policy_document.execution.statement : s.sid] == ["EcrLogin", "PullImage", "WriteLogs", "ReadDatabasePassword"]
    error_message = "execution role statements"
  }

  assert {
    condition     = toset(data.aws_iam_policy_document.execution.statement[1].resources) == toset(["arn:aws:ecr:us-east-1:111111111111:repository/stackwatch"])
    error_message = "image pulled from its repository only"
  }
}

run "every_environment_in_another_account" {
  command = plan

  variables {
    environments = {
      prod = {
        region         = "us-east-1"
        monthly_budget = 600
        role_arn       = "arn:aws:iam::333333333333:role/stackwatch-read"
      }
    }
  }

  assert {
    condition     = [for s in data.aws_iam_policy_document.task.statement : s.sid] == ["ReadWatchedStack", "ReadOtherAccounts"]
    error_message = "with every environment behind a role, the task role reads Cost Explorer and assumes roles"
  }

  assert {
    condition     = toset(data.aws_iam_policy_document.task.statement[0].actions) == toset(["ce:GetCostAndUsage", "ce:GetCostForecast"])
    error_message = "with every environment behind a role, the task role itself reads Cost Explorer only"
  }
}

run "cost_explorer_through_the_paying_account" {
  command = plan

  variables {
    environments = {
      prod = {
        region         = "us-east-1"
        monthly_budget = 600
        role_arn       = "arn:aws:iam::333333333333:role/stackwatch-read"
      }
    }
    cost_explorer_role_arn = "arn:aws:iam::444444444444:role/stackwatch-cost"
  }

  assert {
    condition     = [for s in data.aws_iam_policy_document.task.statement : s.sid] == ["ReadOtherAccounts"]
    error_message = "every read goes through a role: the task role itself reads nothing"
  }

  assert {
    condition = toset(data.aws_iam_policy_document.task.statement[0].resources) == toset([
      "arn:aws:iam::333333333333:role/stackwatch-read", "arn:aws:iam::444444444444:role/stackwatch-cost",
    ])
    error_message = "AssumeRole on the environment's role and the Cost Explorer role"
  }

  assert {
    condition = contains(jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment, {
      name = "STACKWATCH_COST_ROLE_ARN", value = "arn:aws:iam::444444444444:role/stackwatch-cost"
    })
    error_message = "stackwatch.cost.role-arn"
  }
}

run "bad_environment_name" {
  command = plan

  variables {
    environments = {
      prod-eu = { region = "eu-west-1", monthly_budget = 100 }
    }
  }

  expect_failures = [var.environments]
}

run "sign_in_is_required_and_one_way" {
  command = plan

  variables {
    sign_in = {
      oidc = {
        issuer            = "https://idp.example.com"
        client_id         = "stackwatch"
        client_secret_arn = "arn:aws:secretsmanager:us-east-1:111111111111:secret:oidc-AbCdEf"
      }
      users = { ada = { password_hash = "pbkdf2-sha256:600000:c2FsdHNhbHQ:aGFzaGhhc2hoYXNoaGFzaA", roles = ["admin"] } }
    }
  }

  expect_failures = [var.sign_in]
}

run "built_in_users" {
  command = plan

  variables {
    sign_in = {
      users = { ada = { password_hash = "pbkdf2-sha256:600000:c2FsdHNhbHQ:aGFzaGhhc2hoYXNoaGFzaA", roles = ["admin"] } }
    }
  }

  assert {
    condition = {
      for e in jsondecode(aws_ecs_task_definition.this.container_definitions)[0].environment : e.name => e.value
      if startswith(e.name, "STACKWATCH_AUTH_")
      } == {
      STACKWATCH_AUTH_MODE                    = "users"
      STACKWATCH_AUTH_OPEN_PATHS              = "/q/health,/q/health/*,/q/metrics"
      STACKWATCH_AUTH_USERS_ADA_PASSWORD_HASH = "pbkdf2-sha256:600000:c2FsdHNhbHQ:aGFzaGhhc2hoYXNoaGFzaA"
      STACKWATCH_AUTH_USERS_ADA_ROLES         = "admin"
    }
    error_message = "users mode with the user's hash and roles"
  }

  assert {
    condition     = length(jsondecode(aws_ecs_task_definition.this.container_definitions)[0].secrets) == 1
    error_message = "only the database password is a secret without OIDC"
  }
}
