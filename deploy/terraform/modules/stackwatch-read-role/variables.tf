variable "name" {
  description = "Name of the role."
  type        = string
  default     = "stackwatch-read"
}

variable "stackwatch_task_role_arn" {
  description = "The stackwatch task role (output task_role_arn of module stackwatch), the only principal allowed to assume this role."
  type        = string
}

variable "external_id" {
  description = "External id the caller must present (stackwatch.environments.<env>.external-id); null for none."
  type        = string
  default     = null
}

variable "environment" {
  description = "Name of the environment in this account, for its default log groups; null with cost_explorer_only."
  type        = string
  default     = null

  validation {
    condition     = var.cost_explorer_only || var.environment != null
    error_message = "environment: required unless cost_explorer_only."
  }
}

variable "cost_explorer_only" {
  description = "A role for the paying (management) account: Cost Explorer reads only (stackwatch.cost.role-arn, variable cost_explorer_role_arn of module stackwatch)."
  type        = bool
  default     = false
}

variable "log_group_names" {
  description = "Log groups the maintenance checks read; null for the seed's /ecs/<env>, /aws/lambda/<env>-api, /aws/lambda/<env>-worker, /aws/apigateway/<env>."
  type        = list(string)
  default     = null
}

variable "region" {
  description = "Region of the environment's log groups; null for any."
  type        = string
  default     = null
}

variable "max_session_duration" {
  description = "Longest session, in seconds; the SDK renews credentials before they expire."
  type        = number
  default     = 3600
}

variable "tags" {
  description = "Tags of the role."
  type        = map(string)
  default     = {}
}
