#!/bin/sh
# Once the engine answers: makes the demo image (DEMO_IMAGE, default netlab-demo:latest) from the
# static busybox copied in at build time, unless the engine already has it, then marks the
# engine ready for the health check. `docker import` needs no registry and no builder: the image
# is busybox with its applets, /etc/passwd and /etc/group with nobody (65534), and /tmp.
set -eu

image="${DEMO_IMAGE:-netlab-demo:latest}"
for _ in $(seq 1 120); do
  docker info >/dev/null 2>&1 && break
  sleep 0.5
done
docker info >/dev/null 2>&1 || { echo "demo-image: the engine did not answer within 60 s" >&2; exit 1; }

if ! docker image inspect "$image" >/dev/null 2>&1; then
  root="$(mktemp -d)"
  mkdir -p "$root/bin" "$root/etc" "$root/tmp"
  chmod 1777 "$root/tmp"
  cp /opt/netlab/busybox "$root/bin/busybox"
  for applet in $("$root/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -s busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  tar -C "$root" -cf - . | docker import \
    --change 'ENV PATH=/bin' --change 'CMD ["sh"]' \
    --change 'LABEL org.opencontainers.image.title="netlab-demo" org.opencontainers.image.description="static busybox for netlab network demos"' \
    - "$image" >/dev/null
  rm -rf "$root"
  echo "demo-image: made $image"
fi
touch /run/netlab-sandbox.ready
