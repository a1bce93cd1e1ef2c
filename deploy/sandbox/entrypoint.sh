#!/bin/sh
# The sandbox engine's start: the firewall first (before the engine can start a single
# container), then the Docker-in-Docker image's own entrypoint, which makes the TLS certificates
# and runs dockerd. Meanwhile demo-image.sh waits for the engine, makes the demo image and marks
# the engine ready for the health check.
set -eu
rm -f /run/netlab-sandbox.ready
/opt/netlab/firewall.sh
/opt/netlab/demo-image.sh &
exec dockerd-entrypoint.sh "$@"
