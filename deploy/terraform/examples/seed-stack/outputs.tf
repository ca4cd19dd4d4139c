output "url" {
  description = "Where stackwatch answers."
  value       = module.stackwatch.url
}

output "task_role_arn" {
  description = "Principal for read roles in other accounts (module stackwatch-read-role)."
  value       = module.stackwatch.task_role_arn
}

output "task_policy_json" {
  description = "What stackwatch may do."
  value       = module.stackwatch.task_policy_json
}
