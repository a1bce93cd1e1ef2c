#!/usr/bin/env bash
# Builds the demo image that every sandbox container runs (default netlab-demo:latest).
# Where a registry answers, it is the official `busybox` image; where none does (as on the CI
# machines), it is FROM scratch with Debian's static busybox. Either way the image has `ip`,
# `ping`, `nslookup`, `sleep`, a writable-if-mounted /tmp and a `nobody` (65534) user entry, so
# the sandbox can run as a non-root user. Idempotent: an existing image is kept unless FORCE=1.
set -euo pipefail

IMAGE="${DEMO_IMAGE:-netlab-demo:latest}"
BUSYBOX_BIN="${BUSYBOX_BIN:-/bin/busybox}"
PULL_TIMEOUT_S="${PULL_TIMEOUT_S:-15}"
export DOCKER_BUILDKIT=0 # the legacy builder needs no buildx plugin and no registry

if ! docker info >/dev/null 2>&1; then
  echo "build-demo-image: the Docker Engine does not answer; run scripts/start-dockerd.sh first" >&2
  exit 1
fi
if [[ "${FORCE:-0}" != 1 ]] && docker image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-demo-image: $IMAGE is already present (FORCE=1 rebuilds it)"
  exit 0
fi

ctx="$(mktemp -d)"
err="$(mktemp)"
trap 'rm -rf "$ctx" "$err"' EXIT
mkdir -p "$ctx/etc"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$ctx/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$ctx/etc/group"

if [[ "${SKIP_PULL:-0}" != 1 ]] && timeout "$PULL_TIMEOUT_S" docker pull -q busybox:latest >/dev/null 2>&1; then
  echo "build-demo-image: building $IMAGE from the busybox image"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM busybox:latest
COPY etc/passwd etc/group /etc/
LABEL org.opencontainers.image.title="netlab-demo" org.opencontainers.image.description="busybox for netlab network demos"
CMD ["sh"]
DOCKERFILE
else
  if [[ ! -x "$BUSYBOX_BIN" ]]; then
    echo "build-demo-image: no registry answered and $BUSYBOX_BIN is missing; install it with: apt-get install -y busybox-static" >&2
    exit 1
  fi
  if ! file "$BUSYBOX_BIN" 2>/dev/null | grep -q 'statically linked' && ldd "$BUSYBOX_BIN" >/dev/null 2>&1; then
    echo "build-demo-image: $BUSYBOX_BIN is dynamically linked; a FROM scratch image needs Debian's busybox-static" >&2
    exit 1
  fi
  echo "build-demo-image: no registry answered; building $IMAGE FROM scratch with $BUSYBOX_BIN"
  cp "$BUSYBOX_BIN" "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
COPY etc/passwd etc/group /etc/
RUN ["/bin/busybox", "sh", "-c", "/bin/busybox --install -s /bin && mkdir -p /tmp && chmod 1777 /tmp"]
ENV PATH=/bin
LABEL org.opencontainers.image.title="netlab-demo" org.opencontainers.image.description="static busybox for netlab network demos"
CMD ["sh"]
DOCKERFILE
fi

# The legacy builder warns that it is deprecated on every run; show its stderr only on failure.
if ! docker build -q -t "$IMAGE" "$ctx" >/dev/null 2>"$err"; then
  cat "$err" >&2
  echo "build-demo-image: docker build failed" >&2
  exit 1
fi
echo "build-demo-image: built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE") bytes)"
