#!/usr/bin/env bash
# Makes a Docker Engine answer on this machine for CI and first runs: installs Debian's docker.io
# and busybox-static when missing, starts dockerd in the background when the engine does not
# answer, and waits for `docker info`. Fails loudly, with the daemon's log tail, if it never
# comes up. Idempotent: an engine that already answers is left alone.
set -euo pipefail

LOG_FILE="${DOCKERD_LOG:-/tmp/netlab-dockerd.log}"
WAIT_S="${DOCKERD_WAIT_S:-60}"

as_root() { if [[ "$(id -u)" == 0 ]]; then "$@"; else sudo "$@"; fi; }
engine_answers() { command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; }

install_missing() {
  local missing=()
  if [[ "${1:-}" == engine ]]; then
    command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  fi
  [[ -x /bin/busybox ]] || missing+=(busybox-static) # the demo image is built from it when no registry answers
  ((${#missing[@]} == 0)) && return 0
  echo "start-dockerd: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

if engine_answers; then
  install_missing
  echo "start-dockerd: the engine already answers ($(docker version -f '{{.Server.Version}} API {{.Server.APIVersion}}' 2>/dev/null))"
  exit 0
fi

if [[ -n "${DOCKER_HOST:-}" && "${DOCKER_HOST}" != "unix:///var/run/docker.sock" ]]; then
  echo "start-dockerd: DOCKER_HOST=${DOCKER_HOST} does not answer; this script only starts a local engine. Unset DOCKER_HOST or start that engine." >&2
  exit 1
fi

install_missing engine
if ! pgrep -x dockerd >/dev/null 2>&1; then
  echo "start-dockerd: starting dockerd (log: $LOG_FILE)"
  as_root sh -c "nohup dockerd >>'$LOG_FILE' 2>&1 &"
fi

for ((i = 0; i < WAIT_S * 2; i++)); do
  if engine_answers; then
    echo "start-dockerd: engine up after ~$((i / 2)) s ($(docker version -f '{{.Server.Version}} API {{.Server.APIVersion}}' 2>/dev/null))"
    exit 0
  fi
  sleep 0.5
done

echo "start-dockerd: the Docker Engine did not answer within ${WAIT_S} s. Last lines of $LOG_FILE:" >&2
tail -n 30 "$LOG_FILE" >&2 2>/dev/null || echo "(no log at $LOG_FILE)" >&2
exit 1
