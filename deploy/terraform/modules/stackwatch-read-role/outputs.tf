output "role_arn" {
  description = "ARN to set as environments.<env>.role_arn of module stackwatch."
  value       = aws_iam_role.this.arn
}

output "policy_json" {
  description = "The role's policy, as granted."
  value       = data.aws_iam_policy_document.read.json
}
