#!/usr/bin/env bash
# Installs the Debian packages the suite builds with; does nothing if all are present.
set -euo pipefail
packages=(g++ cmake make librapidcheck-dev libgtest-dev libgmock-dev nlohmann-json3-dev libxtensor-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
