# stackwatch as one ECS Fargate service in the watched stack's private subnets, behind an ALB
# listener rule. Configuration reaches it as environment variables (README.md, Configuration).

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  port       = 8080

  # stackwatch keys of each environment, as STACKWATCH_ENVIRONMENTS_<NAME>_<KEY> variables.
  environment_keys = {
    for name, e in var.environments : name => merge(
      {
        "region"         = e.region
        "monthly-budget" = tostring(e.monthly_budget)
      },
      e.role_arn == null ? {} : { "role-arn" = e.role_arn },
      e.external_id == null ? {} : { "external-id" = e.external_id },
      e.allocated_storage_gb == null ? {} : { "allocated-storage-gb" = tostring(e.allocated_storage_gb) },
      e.settings,
    )
  }

  # Sign-in: an OpenID Connect provider or the built-in user list (never open: it listens on
  # 0.0.0.0). The ALB's forwarded headers are trusted for the client address in the audit trail
  # and for the https redirect back from the provider; only the ALB can reach the task.
  oidc = var.sign_in.oidc
  sign_in_variables = merge(
    {
      STACKWATCH_AUTH_MODE                        = local.oidc != null ? "oidc" : "users"
      STACKWATCH_AUTH_OPEN_PATHS                  = join(",", var.sign_in.open_paths)
      QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING = "true"
      QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED        = "true"
    },
    local.oidc == null ? {} : merge(
      {
        QUARKUS_OIDC_AUTH_SERVER_URL       = local.oidc.issuer
        QUARKUS_OIDC_CLIENT_ID             = local.oidc.client_id
        QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH = local.oidc.roles_claim
      },
      { for role, groups in local.oidc.groups : "STACKWATCH_AUTH_OIDC_ROLES_${upper(role)}" => join(",", groups) },
    ),
    merge([
      for name, u in coalesce(var.sign_in.users, {}) : {
        "STACKWATCH_AUTH_USERS_${upper(name)}_PASSWORD_HASH" = u.password_hash
        "STACKWATCH_AUTH_USERS_${upper(name)}_ROLES"         = join(",", u.roles)
      }
    ]...),
  )
  oidc_secret_value_from = local.oidc == null ? null : (local.oidc.client_secret_key == null ? local.oidc.client_secret_arn : "${local.oidc.client_secret_arn}:${local.oidc.client_secret_key}::")

  environment_variables = merge(
    local.sign_in_variables,
    {
      STACKWATCH_SOURCE         = "aws"
      QUARKUS_HTTP_HOST         = "0.0.0.0"
      QUARKUS_HTTP_PORT         = tostring(local.port)
      STACKWATCH_STORE_JDBC_URL = var.database.jdbc_url
      STACKWATCH_STORE_USERNAME = var.database.username
    },
    var.order == null ? {} : { STACKWATCH_ORDER = join(",", var.order) },
    var.cost_explorer_role_arn == null ? {} : { STACKWATCH_COST_ROLE_ARN = var.cost_explorer_role_arn },
    # The topics the SNS notifier publishes to: stackwatch.notify.topics.<env>.alerts.arn, ...
    merge([
      for name, e in var.environments : merge(
        e.alerts_topic_arn == null ? {} : { "STACKWATCH_NOTIFY_TOPICS_${upper(name)}_ALERTS_ARN" = e.alerts_topic_arn },
        e.notifications_topic_arn == null ? {} : { "STACKWATCH_NOTIFY_TOPICS_${upper(name)}_NOTIFICATIONS_ARN" = e.notifications_topic_arn },
      )
    ]...),
    merge([
      for name, settings in local.environment_keys : {
        for key, value in settings :
        "STACKWATCH_ENVIRONMENTS_${upper(name)}_${upper(replace(key, "/[.-]/", "_"))}" => value
      }
    ]...),
    var.extra_environment,
  )

  container = {
    name      = "stackwatch"
    image     = var.image
    essential = true
    portMappings = [{
      containerPort = local.port
      protocol      = "tcp"
    }]
    environment = [for k in sort(keys(local.environment_variables)) : { name = k, value = local.environment_variables[k] }]
    secrets = concat(
      [{
        name      = "STACKWATCH_STORE_PASSWORD"
        valueFrom = local.password_value_from
      }],
      local.oidc == null ? [] : [{
        name      = "QUARKUS_OIDC_CREDENTIALS_SECRET"
        valueFrom = local.oidc_secret_value_from
      }],
    )
    readonlyRootFilesystem = true
    mountPoints = [{
      sourceVolume  = "tmp"
      containerPath = "/tmp"
      readOnly      = false
    }]
    # ECS ignores the image's HEALTHCHECK; this is the same check (curl is in the image).
    healthCheck = {
      command     = ["CMD-SHELL", "curl -fsS http://127.0.0.1:${local.port}/q/health/live || exit 1"]
      interval    = 30
      timeout     = 5
      retries     = 3
      startPeriod = 60
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = local.region
        awslogs-stream-prefix = "stackwatch"
      }
    }
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
  tags              = var.tags
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn
  container_definitions    = jsonencode([local.container])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # Writable scratch space on the task's ephemeral storage; the root filesystem is read-only.
  volume {
    name = "tmp"
  }

  tags = var.tags
}

resource "aws_security_group" "this" {
  name        = var.name
  description = "stackwatch: HTTP from the ALB only; HTTPS to AWS APIs, PostgreSQL to its database"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = var.name })
}

resource "aws_vpc_security_group_ingress_rule" "from_alb" {
  security_group_id            = aws_security_group.this.id
  description                  = "HTTP from the ALB"
  referenced_security_group_id = var.load_balancer.security_group_id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
}

resource "aws_vpc_security_group_egress_rule" "https" {
  for_each          = toset(var.https_egress_cidr_blocks)
  security_group_id = aws_security_group.this.id
  description       = "HTTPS to AWS APIs"
  cidr_ipv4         = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "https_prefix_lists" {
  for_each          = toset(var.https_egress_prefix_list_ids)
  security_group_id = aws_security_group.this.id
  description       = "HTTPS to AWS endpoints"
  prefix_list_id    = each.value
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
}

resource "aws_vpc_security_group_egress_rule" "database" {
  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL"
  referenced_security_group_id = var.database.security_group_id
  ip_protocol                  = "tcp"
  from_port                    = var.database.port
  to_port                      = var.database.port
}

resource "aws_vpc_security_group_ingress_rule" "database_from_stackwatch" {
  count                        = var.database.allow_ingress ? 1 : 0
  security_group_id            = var.database.security_group_id
  description                  = "PostgreSQL from stackwatch"
  referenced_security_group_id = aws_security_group.this.id
  ip_protocol                  = "tcp"
  from_port                    = var.database.port
  to_port                      = var.database.port
}

resource "aws_vpc_security_group_egress_rule" "alb_to_stackwatch" {
  count                        = var.load_balancer.allow_egress ? 1 : 0
  security_group_id            = var.load_balancer.security_group_id
  description                  = "HTTP to stackwatch"
  referenced_security_group_id = aws_security_group.this.id
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
}

resource "aws_lb_target_group" "this" {
  name                 = var.name
  vpc_id               = var.vpc_id
  target_type          = "ip"
  protocol             = "HTTP"
  port                 = local.port
  deregistration_delay = 30

  # Liveness, not readiness: /q/health/ready reports stale data (AWS throttling, an outage),
  # and ECS would replace a task the ALB calls unhealthy, losing the last good data on screen.
  health_check {
    path                = "/q/health/live"
    matcher             = "200"
    interval            = 30
    timeout             = 5
    healthy_threshold   = 2
    unhealthy_threshold = 3
  }

  tags = var.tags
}

resource "aws_lb_listener_rule" "this" {
  listener_arn = var.load_balancer.listener_arn
  priority     = var.load_balancer.priority

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this.arn
  }

  condition {
    host_header {
      values = [var.load_balancer.host_header]
    }
  }

  condition {
    source_ip {
      values = var.load_balancer.source_ip_cidrs
    }
  }

  tags = var.tags
}

resource "aws_ecs_service" "this" {
  name             = var.name
  cluster          = var.cluster_arn
  task_definition  = aws_ecs_task_definition.this.arn
  desired_count    = var.desired_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"

  # Stop the old task before starting the new one: two tasks would both poll and both alert.
  deployment_minimum_healthy_percent = 0
  deployment_maximum_percent         = 100
  health_check_grace_period_seconds  = 120
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.this.id]
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = aws_lb_target_group.this.arn
    container_name   = local.container.name
    container_port   = local.port
  }

  tags       = var.tags
  depends_on = [aws_lb_listener_rule.this]
}
