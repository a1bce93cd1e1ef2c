#!/usr/bin/env bash
# Local stand-ins for the official base images that compose.yaml and the Dockerfiles pull where
# a registry answers; no registry is reachable on the test machines. Built once per test run
# from Debian packages on this machine, removed at its end (`remove`), never kept between runs.
#
#   <prefix>-debian:bookworm  debootstrap --variant=minbase bookworm with docker.io, iptables,
#                             openssl, iproute2, ca-certificates and libstdc++6, `docker import`ed
#   <prefix>-dind:standin     stands in for docker:dind: the Debian rootfs (Docker Engine 20.10
#                             from docker.io instead of the image's current release) with
#                             dockerd-entrypoint.sh beside this script (TLS certificates in
#                             $DOCKER_TLS_CERTDIR/{ca,server,client}, dockerd --tlsverify on 2376)
#   <prefix>-node:standin     stands in for node:20-bookworm-slim: the Debian rootfs with this
#                             machine's Node 20 and npm, a `node` user (uid 1000) and an npm cache
#                             holding package-lock.json's packages, used offline by `npm ci`
#   <prefix>-busybox:standin  stands in for busybox:musl: netlab-demo:latest re-tagged, Debian's
#                             static busybox in a FROM scratch image (scripts/build-demo-image.sh)
#
# Usage: build.sh build|remove <prefix>     make the stand-ins | remove them and all built on them
#        build.sh prune|descendants <prefix> remove | list the images built on them
set -euo pipefail

action="${1:?usage: build.sh build|remove|prune|descendants <prefix>}"
prefix="${2:?usage: build.sh build|remove|prune|descendants <prefix>}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
export DOCKER_BUILDKIT=0
images=("$prefix-dind:standin" "$prefix-node:standin" "$prefix-busybox:standin" "$prefix-debian:bookworm")

# The legacy builder warns on every run that it is deprecated; show its stderr only on failure.
quiet_build() {
  docker build -q -t "$1" "$2" >/dev/null 2>"$stage/build.err" || { cat "$stage/build.err" >&2; exit 1; }
}
as_root() { if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi; }
log() { echo "stand-ins: $*" >&2; }

# Images built on top of the stand-ins (the Dockerfiles' stages, kept by the classic builder as
# untagged parents), children first. The busybox stand-in is only a second tag on
# netlab-demo:latest and is left out: other images may be built on that.
descendants() {
  local -A parent=()
  local id image ours=() found=1
  for id in $(docker images -aq --no-trunc | sort -u); do parent[$id]="$(docker image inspect -f '{{.Parent}}' "$id" 2>/dev/null || true)"; done
  for image in "$prefix-node:standin" "$prefix-dind:standin" "$prefix-debian:bookworm"; do
    id="$(docker image inspect -f '{{.Id}}' "$image" 2>/dev/null || true)"
    [[ -n "$id" ]] && ours+=("$id")
  done
  # The stand-ins' own layers lie between them (debian → node, debian → dind): not ours to remove.
  local keep=" ${ours[*]} "
  for id in "${ours[@]}"; do
    while [[ -n "${parent[$id]:-}" ]]; do id="${parent[$id]}"; keep+="$id "; done
  done
  local order=("${ours[@]}")
  while ((found)); do
    found=0
    for id in "${!parent[@]}"; do
      [[ " ${order[*]} " == *" $id "* ]] && continue
      if [[ " ${order[*]} " == *" ${parent[$id]} "* ]]; then order+=("$id"); found=1; fi
    done
  done
  for ((i = ${#order[@]} - 1; i >= ${#ours[@]}; i--)); do [[ "$keep" == *" ${order[$i]} "* ]] || echo "${order[$i]}"; done
}

case "$action" in
  descendants)
    descendants
    exit 0
    ;;
  prune | remove)
    for id in $(descendants); do docker image rm -f "$id" >/dev/null 2>&1 || true; done
    [[ "$action" == remove ]] && { docker image rm "${images[@]}" >/dev/null 2>&1 || true; }
    exit 0
    ;;
esac
[[ "$action" == build ]] || { echo "usage: build.sh build|remove|prune|descendants <prefix>" >&2; exit 2; }

missing=()
command -v debootstrap >/dev/null || missing+=(debootstrap)
command -v docker-compose >/dev/null || missing+=(docker-compose)
if ((${#missing[@]} > 0)); then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

stage="$(mktemp -d)"
trap 'as_root rm -rf "$stage"' EXIT
started=$SECONDS

rootfs="${NETLAB_STANDIN_ROOTFS:-}" # development only: a debootstrap tree made earlier
if [[ -z "$rootfs" ]]; then
  rootfs="$stage/rootfs"
  log "debootstrap bookworm minbase (a few minutes)"
  as_root debootstrap --variant=minbase --include=docker.io,iptables,openssl,iproute2,ca-certificates,libstdc++6 \
    bookworm "$rootfs" http://deb.debian.org/debian >"$stage/debootstrap.log" 2>&1 || {
    tail -n 30 "$stage/debootstrap.log" >&2
    exit 1
  }
  as_root rm -rf "$rootfs/var/cache/apt/archives/"*.deb "$rootfs/var/lib/apt/lists/"*
fi
as_root tar -C "$rootfs" -c . | docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' --change 'CMD ["bash"]' - "$prefix-debian:bookworm" >/dev/null
log "imported $prefix-debian:bookworm after $((SECONDS - started)) s"

mkdir -p "$stage/dind"
cp "$here/dockerd-entrypoint.sh" "$stage/dind/"
cat >"$stage/dind/Dockerfile" <<DOCKERFILE
FROM $prefix-debian:bookworm
COPY dockerd-entrypoint.sh /usr/local/bin/dockerd-entrypoint.sh
ENV DOCKER_TLS_CERTDIR=/certs
RUN mkdir -p /certs/client && chmod 1777 /certs /certs/client
VOLUME /var/lib/docker
EXPOSE 2376
ENTRYPOINT ["dockerd-entrypoint.sh"]
CMD []
DOCKERFILE
quiet_build "$prefix-dind:standin" "$stage/dind"

# Node and npm as installed here; the npm cache is this machine's, completed for the lockfile.
mkdir -p "$stage/node/npm-cache"
node_bin="$(readlink -f "$(command -v node)")"
npm_dir="$(npm root -g)/npm"
cp "$node_bin" "$stage/node/node"
cp -a "$npm_dir" "$stage/node/npm"
# Node's headers, where the official image keeps them, for the one native build (better-sqlite3).
node_headers="$(dirname "$(dirname "$node_bin")")/include/node"
[[ -d "$node_headers" ]] || node_headers="$(npm config get nodedir)/include/node"
cp -a "$node_headers" "$stage/node/include-node"
cp -a "$(npm config get cache)/_cacache" "$stage/node/npm-cache/_cacache"
mkdir -p "$stage/lock"
cp "$root/package.json" "$root/package-lock.json" "$stage/lock/"
(cd "$stage/lock" && npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --cache "$stage/node/npm-cache" >/dev/null)
cat >"$stage/node/Dockerfile" <<DOCKERFILE
FROM $prefix-debian:bookworm
COPY node /usr/local/bin/node
COPY npm /usr/local/lib/node_modules/npm
COPY include-node /usr/local/include/node
COPY npm-cache /root/.npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && printf 'offline=true\naudit=false\nfund=false\nupdate-notifier=false\n' > /root/.npmrc \
 && groupadd --gid 1000 node && useradd --uid 1000 --gid node --shell /bin/bash --create-home node \
 && node --version && npm --version
CMD ["node"]
DOCKERFILE
quiet_build "$prefix-node:standin" "$stage/node"

docker image inspect netlab-demo:latest >/dev/null 2>&1 || bash "$root/scripts/build-demo-image.sh" >&2
docker tag netlab-demo:latest "$prefix-busybox:standin"
log "built ${images[*]} in $((SECONDS - started)) s"
