output "task_role_arn" {
  description = "Role of the stackwatch task: the principal that environment read roles (module stackwatch-read-role) trust."
  value       = aws_iam_role.task.arn
}

output "task_policy_json" {
  description = "The task role's policy, as granted."
  value       = data.aws_iam_policy_document.task.json
}

output "execution_role_arn" {
  description = "Role ECS uses to start the task."
  value       = aws_iam_role.execution.arn
}

output "security_group_id" {
  description = "Security group of the task."
  value       = aws_security_group.this.id
}

output "service_name" {
  description = "ECS service name."
  value       = aws_ecs_service.this.name
}

output "log_group_name" {
  description = "Log group of the task."
  value       = aws_cloudwatch_log_group.this.name
}

output "target_group_arn" {
  description = "Target group behind the listener rule."
  value       = aws_lb_target_group.this.arn
}

output "url" {
  description = "Where stackwatch answers (HTTPS when the listener is the stack's HTTPS listener)."
  value       = "https://${var.load_balancer.host_header}/"
}

output "container_environment" {
  description = "The container's environment variables (the database password comes from Secrets Manager, not from here)."
  value       = local.environment_variables
}
