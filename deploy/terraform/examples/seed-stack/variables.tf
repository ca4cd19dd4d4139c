variable "environment" {
  description = "The seed environment whose VPC, cluster, ALB and database stackwatch runs beside: dev, staging or prod."
  type        = string
  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "image" {
  description = "stackwatch image, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/stackwatch:0.1.0."
  type        = string
}

variable "host_name" {
  description = "Host name of stackwatch on the environment's ALB, e.g. stackwatch.example.com (a DNS record pointing at the ALB)."
  type        = string
}

variable "allowed_cidrs" {
  description = "Who may open stackwatch: 1 to 4 CIDRs, such as the office or VPN."
  type        = list(string)
}

variable "database_username" {
  description = "User of the stackwatch database on the environment's <env>-db."
  type        = string
  default     = "stackwatch"
}

variable "database_password_secret_arn" {
  description = "Secrets Manager secret holding that user's password."
  type        = string
}

variable "database_password_secret_key" {
  description = "JSON key of the password in that secret; null when the secret is the password itself."
  type        = string
  default     = null
}

variable "sign_in" {
  description = "How people sign in: { oidc = { issuer, client_id, client_secret_arn, ... } } or { users = { name = { password_hash, roles } } }; see the stackwatch module's variable of the same name."
  type        = any
}

variable "private_subnet_name_pattern" {
  description = "Name tag of the stack's private subnets (EC2 filter, * matches anything)."
  type        = string
  default     = "*private*"
}

variable "resource_ids" {
  description = "Ids AWS assigned, per environment, e.g. { prod = { \"resources.http-api-id\" = \"a1b2c3d4e5\", \"resources.load-balancer\" = \"app/prod-alb/50dc6c495c0c9188\" } }."
  type        = map(map(string))
  default     = {}
}

variable "environment_roles" {
  description = "Environments in other accounts: their read-only role (module stackwatch-read-role), its external id, and their topics (whose policies must let the stackwatch task role publish), e.g. { dev = { role_arn = \"arn:aws:iam::210987654321:role/stackwatch-read\" } }."
  type = map(object({
    role_arn                = string
    external_id             = optional(string)
    alerts_topic_arn        = optional(string)
    notifications_topic_arn = optional(string)
  }))
  default = {}
}

variable "cost_explorer_role_arn" {
  description = "Role of the paying account to read Cost Explorer through (module stackwatch-read-role with cost_explorer_only); null when this account pays."
  type        = string
  default     = null
}
