#!/usr/bin/env bash
# Proves the README's set-up on a fresh Debian 12: bootstraps a minimal root from Debian's
# packages (mmdebstrap --variant=apt bookworm), clones the commit under test into it and
# runs exactly the README's two commands there, as root, with nothing pre-installed:
#   scripts/conformance.sh, then scripts/test.sh.
# Then installs the build into a prefix, deletes the source tree and checks that the
# installed tconv-conform runs an adapter on the installed golden vectors by itself.
#
# Only the host's network set-up is copied in, not the project's: apt sources and the
# apt options that concern fetching (Acquire::...), CA certificates, npm configuration.
# Mounts and the root are removed on exit, whatever failed.
#
# Usage: scripts/fresh_root_check.sh [COMMIT]   (default HEAD of this checkout)
# Environment: TCONV_FRESH_ROOT_DIR, a folder for the root (default: a new one in /var/tmp).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
commit=$(git -C "$repo" rev-parse "${1:-HEAD}")
[ "$(id -u)" -eq 0 ] || { echo "fresh_root_check: must run as root (chroot, mounts)" >&2; exit 2; }

apt_get() { DEBIAN_FRONTEND=noninteractive apt-get "$@"; }
command -v mmdebstrap >/dev/null || { apt_get update -qq && apt_get install -y -qq --no-install-recommends mmdebstrap; }

root=${TCONV_FRESH_ROOT_DIR:-$(mktemp -d /var/tmp/tconv-fresh-root.XXXXXX)}
mounts=()
cleanup() {
  local status=$? m pid
  # Processes still running in the root (a daemon a test started) would keep mounts busy.
  for pid in /proc/[0-9]*; do
    [ "$(readlink "$pid/root" 2>/dev/null)" = "$root" ] && { kill -9 "${pid#/proc/}" 2>/dev/null || true; }
  done
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    m=${mounts[i]}
    umount -l "$m" 2>/dev/null || echo "fresh_root_check: cannot unmount $m" >&2
  done
  # Nothing may still be mounted below the root before it is deleted.
  if grep -q " $root/" /proc/self/mounts; then
    echo "fresh_root_check: mounts left under $root, not deleting it" >&2
  else
    rm -rf --one-file-system "$root"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step() { echo "== fresh root: $* ($(date -u +%H:%M:%S))"; }
timed() {  # timed WHAT COMMAND...: runs it, prints its wall time
  local what=$1 start=$SECONDS
  shift
  "$@"
  echo "== fresh root: $what took $((SECONDS - start)) s"
}

# The host's apt options about fetching (proxies, validity checks), for mmdebstrap too.
apt_options=()
for f in /etc/apt/apt.conf.d/*; do
  grep -q "^[[:space:]]*Acquire::" "$f" 2>/dev/null && apt_options+=("--aptopt=$f")
done
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -s "$f" ] && sources+=("$f")
done

step "bootstrap Debian 12 into $root"
timed bootstrap mmdebstrap --quiet --mode=root --variant=apt "${apt_options[@]}" bookworm "$root" \
  "${sources[@]}"

step "copy in the host's network set-up"
mkdir -p "$root/usr/local/share/ca-certificates" "$root/etc/ssl/certs" "$root/root" "$root/usr/etc"
cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/" 2>/dev/null || true
cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/"
for f in /etc/npmrc /usr/etc/npmrc /root/.npmrc; do
  [ -f "$f" ] && cp "$f" "$root$f"
done
cp /etc/resolv.conf "$root/etc/resolv.conf"

for m in proc sys dev dev/pts dev/shm; do
  mkdir -p "$root/$m"
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    dev/shm) mount -t tmpfs -o mode=1777 shm "$root/dev/shm" ;;
    *) mount --bind "/$m" "$root/$m" ;;
  esac
  mounts+=("$root/$m")
done

step "clone $commit"
git clone --quiet --no-checkout "$repo" "$root/work/tconv"
git -C "$root/work/tconv" checkout --quiet "$commit"
# The clone's submodules-free tree is all the commands get; node_modules etc. are not copied.

in_root() {  # runs a command line in the root, with a clean environment
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 CI=true bash -euo pipefail -c "$1"
}

step "README command 1: scripts/conformance.sh"
timed "scripts/conformance.sh" in_root "cd /work/tconv && scripts/conformance.sh --quiet"

step "README command 2: scripts/test.sh"
timed "scripts/test.sh" in_root "cd /work/tconv && scripts/test.sh"

step "the installed package without the source tree"
in_root "cmake --install /work/tconv/build --prefix /opt/tconv >/dev/null
  cp /work/tconv/build/adapter/adapters/c_adapter.so /opt/c_adapter.so
  rm -rf /work/tconv
  out=\$(/opt/tconv/bin/tconv-conform --adapter /opt/c_adapter.so --cases 50)
  echo \"\$out\" | tail -n 3
  grep -q 'golden vectors from /opt/tconv/share/tconv_conformance/vectors' <<<\"\$out\""

step "passed: both README commands and the installed package on a fresh Debian 12 root"
