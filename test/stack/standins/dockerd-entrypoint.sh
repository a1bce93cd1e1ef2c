#!/bin/sh
# Stand-in for the entrypoint of the official docker:dind image, for the stack test only (no
# registry is reachable on the test machines). It keeps the interface compose.yaml relies on:
# with DOCKER_TLS_CERTDIR set, a CA in $DOCKER_TLS_CERTDIR/ca, the server's pair in .../server
# (its certificate names the hostname, "docker", "localhost" and the container's addresses) and a
# client pair in .../client (ca.pem, cert.pem, key.pem, readable by any client), then dockerd on
# the local socket and on tcp://0.0.0.0:2376 with --tlsverify. Written from the image's
# documented behaviour, not copied from it.
set -eu

certs="${DOCKER_TLS_CERTDIR:-}"
days=825

key() { [ -s "$1" ] || openssl genrsa -out "$1" 2048 2>/dev/null; }

names() {
  {
    ip -o addr show | awk '{ sub(/\/.*/, "", $4); print "IP:" $4 }'
    printf 'DNS:%s\n' "$(hostname)" docker localhost
  } | sort -u | paste -sd, -
}

issue() { # dir, subject, extension lines
  key "$certs/$1/key.pem"
  openssl req -new -key "$certs/$1/key.pem" -subj "$2" -out "$certs/$1/csr.pem"
  printf '[ext]\n%s\n' "$3" >"$certs/$1/ext.cnf"
  openssl x509 -req -in "$certs/$1/csr.pem" -CA "$certs/ca/cert.pem" -CAkey "$certs/ca/key.pem" -CAcreateserial \
    -days "$days" -extfile "$certs/$1/ext.cnf" -extensions ext -out "$certs/$1/cert.pem" 2>/dev/null
  cp "$certs/ca/cert.pem" "$certs/$1/ca.pem"
}

if [ -n "$certs" ]; then
  mkdir -p "$certs/ca" "$certs/server" "$certs/client"
  key "$certs/ca/key.pem"
  openssl req -new -x509 -key "$certs/ca/key.pem" -subj '/CN=docker:dind CA' -days "$days" -out "$certs/ca/cert.pem"
  issue server '/CN=docker:dind server' "subjectAltName = $(names)"
  issue client '/CN=docker:dind client' 'extendedKeyUsage = clientAuth'
  chmod 0644 "$certs/client/key.pem"
  set -- dockerd --host=unix:///var/run/docker.sock --host=tcp://0.0.0.0:2376 --tlsverify \
    --tlscacert "$certs/server/ca.pem" --tlscert "$certs/server/cert.pem" --tlskey "$certs/server/key.pem" "$@"
else
  set -- dockerd --host=unix:///var/run/docker.sock --host=tcp://0.0.0.0:2375 "$@"
fi

rm -f /var/run/docker.pid /run/docker/containerd/containerd.pid
exec "$@"
