variable "name" {
  description = "Name of the ECS service, task family, roles, security group and target group; the log group is /ecs/<name>."
  type        = string
  default     = "stackwatch"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,27}$", var.name))
    error_message = "name: lower-case letters, digits and dashes, at most 28 characters (target group names are limited to 32)."
  }
}

variable "image" {
  description = "Container image built from src/main/docker/Dockerfile.jvm, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/stackwatch:0.1.0. An ECR image gets pull rights on its repository only."
  type        = string
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster to run in (the stack's, e.g. prod-cluster)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the watched stack."
  type        = string
}

variable "private_subnet_ids" {
  description = "Private subnets of that VPC; the task gets no public IP and reaches AWS through the NAT gateways or VPC endpoints."
  type        = list(string)

  validation {
    condition     = length(var.private_subnet_ids) > 0
    error_message = "private_subnet_ids: at least one subnet."
  }
}

variable "load_balancer" {
  description = <<-EOT
    The ALB that serves stackwatch: a listener rule on one of its listeners (the stack's HTTPS
    listener, or an internal ALB's) forwards a host name to stackwatch.
      listener_arn       listener to add the rule to
      security_group_id  the ALB's security group, the only source allowed to reach the task
      host_header        host name of stackwatch, e.g. stackwatch.example.com
      source_ip_cidrs    who may open it (1 to 4 CIDRs). stackwatch has no sign-in yet: on an
                         internet-facing ALB keep this to your office or VPN ranges
      priority           rule priority; null lets AWS take the next free one
      allow_egress       add an egress rule to the ALB's group towards the task on 8080
  EOT
  type = object({
    listener_arn      = string
    security_group_id = string
    host_header       = string
    source_ip_cidrs   = list(string)
    priority          = optional(number)
    allow_egress      = optional(bool, true)
  })

  validation {
    condition     = length(var.load_balancer.source_ip_cidrs) >= 1 && length(var.load_balancer.source_ip_cidrs) <= 4
    error_message = "load_balancer.source_ip_cidrs: 1 to 4 CIDRs (a rule holds 5 condition values, one is the host name); [\"0.0.0.0/0\"] opens stackwatch to everyone."
  }
}

variable "environments" {
  description = <<-EOT
    The watched environments by name (the seed's dev, staging, prod), passed to stackwatch as
    STACKWATCH_ENVIRONMENTS_<NAME>_* variables:
      region                   region of the environment
      role_arn                 read-only role to assume (module stackwatch-read-role) when the
                               environment lives in another account; null reads with the task role
      external_id              external id required by that role's trust policy
      monthly_budget           US dollars per month
      allocated_storage_gb     RDS allocated storage, for "free storage below 10 %"
      alerts_topic_arn         SNS topic of alert summaries
      notifications_topic_arn  SNS topic of the daily digest
      log_group_names          log groups the maintenance checks read; default the seed's
                               /ecs/<env>, /aws/lambda/<env>-api, /aws/lambda/<env>-worker,
                               /aws/apigateway/<env>
      settings                 any other stackwatch key under the environment, e.g.
                               "resources.http-api-id" = "a1b2c3d4e5"
  EOT
  type = map(object({
    region                  = string
    role_arn                = optional(string)
    external_id             = optional(string)
    monthly_budget          = number
    allocated_storage_gb    = optional(number)
    alerts_topic_arn        = optional(string)
    notifications_topic_arn = optional(string)
    log_group_names         = optional(list(string))
    settings                = optional(map(string), {})
  }))

  validation {
    condition     = length(var.environments) > 0
    error_message = "environments: at least one."
  }

  validation {
    condition     = alltrue([for name in keys(var.environments) : can(regex("^[a-z][a-z0-9]*$", name))])
    error_message = "environments: names are lower-case letters and digits, so that STACKWATCH_ENVIRONMENTS_<NAME>_* variables map back to them unambiguously."
  }

  validation {
    condition = alltrue(flatten([
      for e in values(var.environments) : [for k in keys(e.settings) : can(regex("^[a-z][a-z0-9.-]*$", k))]
    ]))
    error_message = "environments[*].settings: keys are stackwatch keys below the environment, such as resources.http-api-id."
  }
}

variable "cost_explorer_role_arn" {
  description = "Role in the paying (management) account to read Cost Explorer through (module stackwatch-read-role with cost_explorer_only), as stackwatch.cost.role-arn; null reads Cost Explorer with the task role."
  type        = string
  default     = null
}

variable "database" {
  description = <<-EOT
    stackwatch's PostgreSQL database (alarm states and history):
      jdbc_url             e.g. jdbc:postgresql://prod-db.xxxx.us-east-1.rds.amazonaws.com:5432/stackwatch
      username             database user
      password_secret_arn  Secrets Manager secret holding the password, injected as
                           STACKWATCH_STORE_PASSWORD
      password_secret_key  JSON key of the password when the secret is a JSON document (RDS-managed
                           secrets use "password"); null when the secret is the password itself
      kms_key_arn          customer-managed KMS key of the secret, if any
      security_group_id    security group of the database
      port                 database port
      allow_ingress        add an ingress rule to the database's group from the task
  EOT
  type = object({
    jdbc_url            = string
    username            = string
    password_secret_arn = string
    password_secret_key = optional(string)
    kms_key_arn         = optional(string)
    security_group_id   = string
    port                = optional(number, 5432)
    allow_ingress       = optional(bool, true)
  })

  validation {
    condition     = startswith(var.database.jdbc_url, "jdbc:postgresql://")
    error_message = "database.jdbc_url: a jdbc:postgresql:// URL."
  }
}

variable "cpu" {
  description = "Fargate task CPU units (512 = 0.5 vCPU)."
  type        = number
  default     = 512
}

variable "memory" {
  description = "Fargate task memory in MiB; the JVM takes 75 % of it as heap."
  type        = number
  default     = 1024
}

variable "cpu_architecture" {
  description = "X86_64, or ARM64 (about 20 % cheaper) for an image built for linux/arm64."
  type        = string
  default     = "X86_64"

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "cpu_architecture: X86_64 or ARM64."
  }
}

variable "desired_count" {
  description = "Tasks to run. One: every replica polls AWS and sends alerts on its own until the replicas elect one poller."
  type        = number
  default     = 1

  validation {
    condition     = contains([0, 1], var.desired_count)
    error_message = "desired_count: 0 or 1 (see the description)."
  }
}

variable "log_retention_days" {
  description = "Retention of the /ecs/<name> log group, in days (the seed keeps 30)."
  type        = number
  default     = 30
}

variable "https_egress_cidr_blocks" {
  description = "Where the task may open HTTPS connections to AWS APIs: 0.0.0.0/0 through the NAT gateways, or narrower with VPC endpoints."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "https_egress_prefix_list_ids" {
  description = "Managed prefix lists the task may reach on 443 (e.g. the S3 gateway endpoint's, for ECR layers)."
  type        = list(string)
  default     = []
}

variable "order" {
  description = "Display order of the environments on pages; null keeps stackwatch's default (prod, staging, dev)."
  type        = list(string)
  default     = null
}

variable "extra_environment" {
  description = "More container environment variables, e.g. { STACKWATCH_POLL_INTERVAL = \"5m\" }."
  type        = map(string)
  default     = {}
}

variable "tags" {
  description = "Tags of every resource."
  type        = map(string)
  default     = {}
}

variable "sign_in" {
  description = <<-EOT
    How people sign in to stackwatch (README.md, "Sign-in and roles"); set exactly one of:
      oidc   an OpenID Connect provider (Cognito, Okta, Entra ID, Keycloak): issuer (the
             provider's issuer URL), client_id, client_secret_arn (Secrets Manager secret
             injected as QUARKUS_OIDC_CREDENTIALS_SECRET), client_secret_key (its JSON key, or
             null when the secret is the client secret itself), roles_claim (the claim holding
             the groups: "groups", or "\"cognito:groups\"" for Cognito) and groups (role
             viewer, operator or admin to the groups that get it)
      users  the built-in user list: name to password_hash (printed by
             io.stackwatch.security.PasswordHash) and roles
    open_paths: what anyone may read without signing in; the ALB's health check needs
    /q/health/live, Prometheus /q/metrics (leave it out to have Prometheus sign in).
  EOT
  type = object({
    oidc = optional(object({
      issuer            = string
      client_id         = string
      client_secret_arn = string
      client_secret_key = optional(string)
      roles_claim       = optional(string, "groups")
      groups            = optional(map(list(string)), {})
    }))
    users = optional(map(object({
      password_hash = string
      roles         = optional(list(string), ["viewer"])
    })))
    open_paths = optional(list(string), ["/q/health", "/q/health/*", "/q/metrics"])
  })

  validation {
    condition     = (var.sign_in.oidc == null) != (var.sign_in.users == null)
    error_message = "sign_in: set exactly one of oidc (an OpenID Connect provider) or users (the built-in user list)."
  }

  validation {
    condition = alltrue(concat(
      [for role in keys(try(var.sign_in.oidc.groups, {})) : contains(["viewer", "operator", "admin"], role)],
      [for u in values(coalesce(var.sign_in.users, {})) : alltrue([for r in u.roles : contains(["viewer", "operator", "admin"], r)])],
      [for name in keys(coalesce(var.sign_in.users, {})) : can(regex("^[a-z][a-z0-9]*$", name))],
    ))
    error_message = "sign_in: roles are viewer, operator or admin; user names are lower-case letters and digits."
  }
}
