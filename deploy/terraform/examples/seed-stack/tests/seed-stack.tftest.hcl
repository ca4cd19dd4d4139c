# terraform test: the example for prod planned against a mocked AWS provider, the seed stack's
# resources standing in for what the data sources would find.

mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }
  }
  override_data {
    target = data.aws_vpc.stack
    values = { id = "vpc-0prod" }
  }
  override_data {
    target = data.aws_subnets.private
    values = { ids = ["subnet-0a", "subnet-0b", "subnet-0c"] }
  }
  override_data {
    target = data.aws_ecs_cluster.stack
    values = { arn = "arn:aws:ecs:us-east-1:111111111111:cluster/prod-cluster" }
  }
  override_data {
    target = data.aws_lb.stack
    values = { arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:loadbalancer/app/prod-alb/1", security_groups = ["sg-alb"] }
  }
  override_data {
    target = data.aws_lb_listener.https
    values = { arn = "arn:aws:elasticloadbalancing:us-east-1:111111111111:listener/app/prod-alb/1/2" }
  }
  override_data {
    target = data.aws_db_instance.stack
    values = { address = "prod-db.abc.us-east-1.rds.amazonaws.com", port = 5432, vpc_security_groups = ["sg-db"] }
  }
  override_data {
    target = data.aws_sns_topic.alerts
    values = { arn = "arn:aws:sns:us-east-1:111111111111:some-alerts" }
  }
  override_data {
    target = data.aws_sns_topic.notifications
    values = { arn = "arn:aws:sns:us-east-1:111111111111:some-notifications" }
  }
  override_data {
    target = module.stackwatch.data.aws_caller_identity.current
    values = { account_id = "111111111111" }
  }
  override_data {
    target = module.stackwatch.data.aws_partition.current
    values = { partition = "aws" }
  }
  override_data {
    target = module.stackwatch.data.aws_region.current
    values = { name = "us-east-1" }
  }
}

variables {
  environment                  = "prod"
  image                        = "111111111111.dkr.ecr.us-east-1.amazonaws.com/stackwatch:0.1.0"
  host_name                    = "stackwatch.example.com"
  allowed_cidrs                = ["203.0.113.0/24"]
  database_password_secret_arn = "arn:aws:secretsmanager:us-east-1:111111111111:secret:stackwatch-db-AbCdEf"
  sign_in = {
    users = { ada = { password_hash = "pbkdf2-sha256:600000:c2FsdHNhbHQ:aGFzaGhhc2hoYXNoaGFzaA", roles = ["admin"] } }
  }
}

run "one_account" {
  command = plan

  assert {
    condition = {
      for k, v in module.stackwatch.container_environment : k => v if startswith(k, "STACKWATCH_ENVIRONMENTS_DEV_") || startswith(k, "STACKWATCH_NOTIFY_TOPICS_DEV_")
      } == {
      STACKWATCH_ENVIRONMENTS_DEV_REGION                 = "us-east-1"
      STACKWATCH_ENVIRONMENTS_DEV_MONTHLY_BUDGET         = "80"
      STACKWATCH_ENVIRONMENTS_DEV_ALLOCATED_STORAGE_GB   = "20"
      STACKWATCH_NOTIFY_TOPICS_DEV_ALERTS_ARN            = "arn:aws:sns:us-east-1:111111111111:some-alerts"
      STACKWATCH_NOTIFY_TOPICS_DEV_NOTIFICATIONS_ARN     = "arn:aws:sns:us-east-1:111111111111:some-notifications"
      STACKWATCH_ENVIRONMENTS_DEV_RESOURCES_CACHE_NODES  = "1"
      STACKWATCH_ENVIRONMENTS_DEV_RESOURCES_NAT_GATEWAYS = "1"
      STACKWATCH_ENVIRONMENTS_DEV_RESOURCES_CLOUDFRONT   = "false"
    }
    error_message = "dev with the seed's values"
  }

  assert {
    condition = (
      module.stackwatch.container_environment["STACKWATCH_ENVIRONMENTS_PROD_MONTHLY_BUDGET"] == "600" &&
      module.stackwatch.container_environment["STACKWATCH_ENVIRONMENTS_STAGING_MONTHLY_BUDGET"] == "250" &&
      module.stackwatch.container_environment["STACKWATCH_STORE_JDBC_URL"] == "jdbc:postgresql://prod-db.abc.us-east-1.rds.amazonaws.com:5432/stackwatch"
    )
    error_message = "budgets and the database of the seed's prod"
  }
}

run "dev_in_another_account" {
  command = plan

  variables {
    environment_roles = {
      dev = {
        role_arn         = "arn:aws:iam::222222222222:role/stackwatch-read"
        external_id      = "dev-external-id"
        alerts_topic_arn = "arn:aws:sns:us-east-1:222222222222:dev-alerts"
      }
    }
    resource_ids = { prod = { "resources.http-api-id" = "a1b2c3d4e5" } }
  }

  assert {
    condition = (
      module.stackwatch.container_environment["STACKWATCH_ENVIRONMENTS_DEV_ROLE_ARN"] == "arn:aws:iam::222222222222:role/stackwatch-read" &&
      module.stackwatch.container_environment["STACKWATCH_ENVIRONMENTS_DEV_EXTERNAL_ID"] == "dev-external-id" &&
      module.stackwatch.container_environment["STACKWATCH_NOTIFY_TOPICS_DEV_ALERTS_ARN"] == "arn:aws:sns:us-east-1:222222222222:dev-alerts" &&
      !contains(keys(module.stackwatch.container_environment), "STACKWATCH_NOTIFY_TOPICS_DEV_NOTIFICATIONS_ARN") &&
      !contains(keys(module.stackwatch.container_environment), "STACKWATCH_ENVIRONMENTS_PROD_ROLE_ARN") &&
      module.stackwatch.container_environment["STACKWATCH_ENVIRONMENTS_PROD_RESOURCES_HTTP_API_ID"] == "a1b2c3d4e5"
    )
    error_message = "dev read through its role, with its own topic; prod with the task role"
  }
}

run "unknown_environment" {
  command = plan

  variables {
    environment = "qa"
  }

  expect_failures = [var.environment]
}
