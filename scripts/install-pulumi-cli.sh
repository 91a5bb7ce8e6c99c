#!/usr/bin/env bash
# Builds the real `pulumi` CLI from Go modules into .pulumi-cli/<version>/bin/ (git-ignored), with the
# `pulumi-resource-pulumi-nodejs` launcher beside it. The version is the one tools/pulumi-cli/go.mod pins (it
# matches the @pulumi/pulumi we develop with). A second run reuses the binary. Prints the bin directory last.
#
# No language host is built: its Go module is not served by the module proxy, and the tests run their programs
# through the Automation API's inline programs, where the CLI talks to a language runtime in the test process.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v go >/dev/null || PATH="/usr/local/go/bin:$PATH"
module="$root/tools/pulumi-cli"
version="$(cd "$module" && go list -m -f '{{.Version}}' github.com/pulumi/pulumi/pkg/v3)"
bin="$root/.pulumi-cli/${version#v}/bin"

if [ "$("$bin/pulumi" version 2>/dev/null || true)" != "$version" ]; then
  echo "building pulumi $version from Go modules (a cold build takes about 5 minutes on 2 cores)…" >&2
  start=$(date +%s)
  mkdir -p "$bin"
  (cd "$module" && go build -o "$bin/pulumi.tmp" \
    -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  mv "$bin/pulumi.tmp" "$bin/pulumi"
  echo "built pulumi $version in $(( $(date +%s) - start ))s" >&2
fi
install -m 0755 "$root/scripts/pulumi-resource-pulumi-nodejs" "$bin/pulumi-resource-pulumi-nodejs"
echo "$bin"
