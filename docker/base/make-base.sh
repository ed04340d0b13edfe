#!/usr/bin/env bash
# make-base.sh: makes the local base image for Driftway's images when no registry can be reached:
# a minimal Debian root file system (mmdebstrap, from Debian's own packages, the host's release)
# with openjdk-17-jre-headless, imported into Docker as driftway-base:local.
#
#   docker/base/make-base.sh                 # makes driftway-base:local (quick when cached)
#   docker build --build-arg BASE=driftway-base:local -f docker/driftway/Dockerfile ...
#
# Cached twice: the image carries a label with the recipe's hash (same recipe, image present: nothing
# to do), and the root file system tarball stays in $DRIFTWAY_BASE_CACHE (default
# ~/.cache/driftway/base), so a fresh Docker data root only pays the import (seconds), not the
# download. Needs root (or mmdebstrap's unshare mode) and the docker CLI (DOCKER_HOST is honoured).
# Environment: BASE_IMAGE (default driftway-base:local), DEBIAN_SUITE (default: the host's
# VERSION_CODENAME, else bookworm), DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

image="${BASE_IMAGE:-driftway-base:local}"
suite="${DEBIAN_SUITE:-$( (. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}") || true)}"
suite="${suite:-bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
cache="${DRIFTWAY_BASE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/driftway/base}"
packages="openjdk-17-jre-headless,ca-certificates,passwd,procps,curl"
java_home=/usr/lib/jvm/java-17-openjdk-amd64

for tool in docker mmdebstrap sha256sum; do
  command -v "$tool" >/dev/null || {
    echo "Cannot make base image: $tool not found (Debian: apt-get install -y docker.io mmdebstrap)" >&2
    exit 1
  }
done

# The recipe: what goes into the root file system. A change of any part makes a new image.
recipe="$(printf '%s\n' "$suite" "$mirror" "$packages" "$java_home" "v1" | sha256sum | cut -c1-16)"
if [ "$(docker image inspect -f '{{ index .Config.Labels "io.driftway.base.recipe" }}' "$image" 2>/dev/null || true)" = "$recipe" ]; then
  echo "Base image $image is up to date (recipe $recipe)"
  exit 0
fi

mkdir -p "$cache"
rootfs="$cache/rootfs-$suite-$recipe.tar"
if [ ! -s "$rootfs" ]; then
  echo "Making Debian $suite root file system with $packages (mmdebstrap, one to a few minutes; log: $cache/mmdebstrap.log)"
  # No documentation, man pages or locales (a runtime image needs none); no apt lists (stale).
  # The JRE's post-install links its man page: the (empty) man1 folder must exist.
  mmdebstrap --variant=minbase --format=tar --include="$packages" \
    --setup-hook='mkdir -p "$1"/usr/share/man/man1' \
    --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' \
    --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --aptopt='Acquire::Languages "none"' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin' \
    "$suite" "$rootfs.part" "$mirror" >"$cache/mmdebstrap.log" 2>&1 ||
    { tail -n 30 "$cache/mmdebstrap.log" >&2; echo "Cannot make base image: mmdebstrap failed (log: $cache/mmdebstrap.log)" >&2; exit 1; }
  mv "$rootfs.part" "$rootfs"
  # Older root file systems of other recipes are of no use any more.
  find "$cache" -name 'rootfs-*.tar' ! -name "$(basename "$rootfs")" -delete
fi

echo "Importing $rootfs as $image"
docker import \
  --change "ENV JAVA_HOME=$java_home" \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change "LABEL io.driftway.base.recipe=$recipe" \
  --change "LABEL org.opencontainers.image.description=\"Debian $suite with openjdk-17-jre-headless\"" \
  --change 'CMD ["/bin/bash"]' \
  "$rootfs" "$image" >/dev/null
echo "Base image $image made (recipe $recipe)"
