# stackwatch run beside one environment of the seed's stack (var.environment: dev, staging or prod,
# each with its own tfvars example here; normally prod): in its private subnets,
# behind its ALB, storing alarm history in a "stackwatch" database on its RDS instance. It
# watches all three environments of the seed, each with its budget and its SNS topics. Run one
# stackwatch, not one per environment: each would poll and alert on its own.
#
# The stack's resources are found by the seed's names (<env>-cluster, <env>-alb, <env>-db,
# <env>-alerts, <env>-notifications) and its VPC by the seed's CIDR; what the seed does not name
# is a variable.

terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "5.100.0"
    }
  }
}

provider "aws" {
  region = "us-east-1"

  default_tags {
    tags = {
      Application = "stackwatch"
      Environment = local.environment
    }
  }
}

locals {
  environment = var.environment
  vpc_cidr    = { dev = "10.0.0.0/16", staging = "10.1.0.0/16", prod = "10.2.0.0/16" }[var.environment]

  # The seed's environments: monthly budget (seed estimate), RDS allocated storage, cache nodes,
  # NAT gateways, CloudFront.
  seed = {
    dev     = { budget = 80, storage_gb = 20, cache_nodes = 1, nat_gateways = 1, cloudfront = false }
    staging = { budget = 250, storage_gb = 50, cache_nodes = 2, nat_gateways = 3, cloudfront = true }
    prod    = { budget = 600, storage_gb = 100, cache_nodes = 3, nat_gateways = 3, cloudfront = true }
  }
}

data "aws_vpc" "stack" {
  cidr_block = local.vpc_cidr
}

data "aws_subnets" "private" {
  filter {
    name   = "vpc-id"
    values = [data.aws_vpc.stack.id]
  }
  filter {
    name   = "tag:Name"
    values = [var.private_subnet_name_pattern]
  }
}

data "aws_ecs_cluster" "stack" {
  cluster_name = "${local.environment}-cluster"
}

data "aws_lb" "stack" {
  name = "${local.environment}-alb"
}

data "aws_lb_listener" "https" {
  load_balancer_arn = data.aws_lb.stack.arn
  port              = 443
}

data "aws_db_instance" "stack" {
  db_instance_identifier = "${local.environment}-db"
}

# Topics of the environments in this account; those in other accounts come with their roles.
data "aws_sns_topic" "alerts" {
  for_each = { for name, s in local.seed : name => s if !contains(keys(var.environment_roles), name) }
  name     = "${each.key}-alerts"
}

data "aws_sns_topic" "notifications" {
  for_each = { for name, s in local.seed : name => s if !contains(keys(var.environment_roles), name) }
  name     = "${each.key}-notifications"
}

module "stackwatch" {
  source = "../../modules/stackwatch"

  image                  = var.image
  sign_in                = var.sign_in
  cost_explorer_role_arn = var.cost_explorer_role_arn
  cluster_arn            = data.aws_ecs_cluster.stack.arn
  vpc_id                 = data.aws_vpc.stack.id
  private_subnet_ids     = data.aws_subnets.private.ids

  load_balancer = {
    listener_arn      = data.aws_lb_listener.https.arn
    security_group_id = tolist(data.aws_lb.stack.security_groups)[0]
    host_header       = var.host_name
    source_ip_cidrs   = var.allowed_cidrs
  }

  database = {
    jdbc_url            = "jdbc:postgresql://${data.aws_db_instance.stack.address}:${data.aws_db_instance.stack.port}/stackwatch"
    username            = var.database_username
    password_secret_arn = var.database_password_secret_arn
    password_secret_key = var.database_password_secret_key
    security_group_id   = tolist(data.aws_db_instance.stack.vpc_security_groups)[0]
    port                = data.aws_db_instance.stack.port
  }

  environments = {
    for name, s in local.seed : name => {
      region                  = "us-east-1"
      role_arn                = try(var.environment_roles[name].role_arn, null)
      external_id             = try(var.environment_roles[name].external_id, null)
      monthly_budget          = s.budget
      allocated_storage_gb    = s.storage_gb
      alerts_topic_arn        = try(var.environment_roles[name].alerts_topic_arn, data.aws_sns_topic.alerts[name].arn)
      notifications_topic_arn = try(var.environment_roles[name].notifications_topic_arn, data.aws_sns_topic.notifications[name].arn)
      settings = merge(
        {
          "resources.cache-nodes"  = tostring(s.cache_nodes)
          "resources.nat-gateways" = tostring(s.nat_gateways)
          "resources.cloudfront"   = tostring(s.cloudfront)
        },
        lookup(var.resource_ids, name, {}),
      )
    }
  }
}
