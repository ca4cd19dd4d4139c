#!/usr/bin/env bash
# Checks the Terraform of deploy/terraform as CI runs it: terraform fmt, then init (no backend)
# and validate in every module and example, and terraform test where a module has tests/. Needs terraform >= 1.11 and a local filesystem
# mirror of the AWS provider 5.100.0 (the public registry is out of reach); the mirror is found
# under TF_PLUGIN_MIRROR, /opt/tf-plugins, /usr/share/terraform/plugins or ~/.terraform.d.
set -euo pipefail
cd "$(dirname "$0")"

fail() {
  echo "deploy/terraform/check.sh: $*" >&2
  exit 1
}

command -v terraform >/dev/null 2>&1 ||
  fail "terraform is required (>= 1.11) and is not on the PATH"

provider="registry.terraform.io/hashicorp/aws/5.100.0"
mirror=""
for root in ${TF_PLUGIN_MIRROR:-} /opt/tf-plugins /usr/share/terraform/plugins \
  /usr/local/share/terraform/plugins "$HOME/.terraform.d/plugins"; do
  if [ -d "$root/$provider" ]; then
    mirror="$root"
    break
  fi
done
if [ -z "$mirror" ]; then
  found="$(find / -xdev -type d -path "*/$provider" -print -quit 2>/dev/null || true)"
  [ -n "$found" ] && mirror="${found%/"$provider"}"
fi
[ -n "$mirror" ] ||
  fail "no filesystem mirror of the AWS provider 5.100.0 (a folder holding $provider); set TF_PLUGIN_MIRROR to it"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/aws"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1 TF_INPUT=0

echo "terraform: $(terraform version | head -1 | sed 's/^Terraform //'), AWS provider mirror: $mirror"

terraform fmt -check -recursive -diff . ||
  fail "terraform fmt: the files above are not formatted (run: terraform fmt -recursive deploy/terraform)"

# init and validate a copy, so that .terraform/ folders and lock files stay out of the tree.
mkdir "$work/tree"
cp -R modules examples "$work/tree/"
for dir in modules/* examples/*; do
  [ -d "$dir" ] || continue
  terraform -chdir="$work/tree/$dir" init -backend=false -input=false -no-color >"$work/init.log" 2>&1 ||
    { cat "$work/init.log" >&2; fail "terraform init failed in $dir"; }
  terraform -chdir="$work/tree/$dir" validate -no-color >"$work/validate.log" 2>&1 ||
    { cat "$work/validate.log" >&2; fail "terraform validate failed in $dir"; }
  # Warnings (deprecations) are shown, not fatal.
  grep -q Warning "$work/validate.log" && cat "$work/validate.log"
  if [ -d "$dir/tests" ]; then
    # Plans against a mocked provider: no account, no network.
    terraform -chdir="$work/tree/$dir" test -no-color >"$work/test.log" 2>&1 ||
      { cat "$work/test.log" >&2; fail "terraform test failed in $dir"; }
    echo "ok: $dir (validate; terraform test: $(grep -o '[0-9]* passed' "$work/test.log" | tail -1))"
  else
    echo "ok: $dir (validate)"
  fi
done
echo "deploy/terraform: fmt, init, validate and test passed"
