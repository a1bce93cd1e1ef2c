#!/bin/sh
# Demo containers must not open a connection to any port of this container: not the engine's
# API (2376), not anything else listening here. Runs before dockerd starts.
#
# - INPUT: only loopback and this container's own links to the stack (the interfaces it has
#   before dockerd creates docker0, br-… and docker_gwbridge) may reach local sockets. A bridge,
#   user-defined bridge or overlay demo container reaches this container only through one of
#   those bridges, so it is rejected whatever address it aims at.
# - OUTPUT: a host-mode demo container shares this network namespace, so INPUT cannot tell it
#   from dockerd. netlab runs every container that has a network as user 65534 (nobody), and
#   nothing else here runs as that user: everything it sends is rejected.
# - DOCKER-USER (kept by dockerd when it starts): nothing is forwarded from a demo container out
#   through the stack links, so demos cannot reach the bot or anything beyond the sandbox.
#
# Every rule goes into each iptables backend that works here (nf_tables and legacy): both hook
# the same packets, so a reject in either holds whichever backend dockerd picks.
set -eu

NOBODY=65534
uplinks="$(ip -o link show | awk -F': ' '{ sub(/@.*/, "", $2); if ($2 != "lo") print $2 }')"
[ -n "$uplinks" ] || { echo "firewall: no network interface found" >&2; exit 1; }

# The commands that drive each working backend (nf_tables, legacy) for one family: iptables or
# ip6tables. `--version` names the backend a command drives.
backends_for() { # iptables | ip6tables
  found=""
  kinds=""
  for candidate in "$1" "$1-nft" "$1-legacy" "/usr/local/sbin/.iptables-legacy/$1"; do
    command -v "$candidate" >/dev/null 2>&1 && "$candidate" -w -t filter -nL >/dev/null 2>&1 || continue
    kind="$("$candidate" --version | sed -n 's/.*(\(.*\)).*/\1/p')"
    case " $kinds " in *" ${kind:-unknown} "*) continue ;; esac
    kinds="$kinds ${kind:-unknown}"
    found="$found $candidate"
  done
  echo "$found"
}

chain() { # command, chain: create it empty
  "$1" -w -N "$2" 2>/dev/null || "$1" -w -F "$2"
}
jump_first() { # command, from, to
  "$1" -w -C "$2" -j "$3" 2>/dev/null || "$1" -w -I "$2" 1 -j "$3"
}

apply() { # command
  ipt="$1"
  chain "$ipt" NETLAB-SANDBOX-IN
  "$ipt" -w -A NETLAB-SANDBOX-IN -i lo -j RETURN
  for link in $uplinks; do "$ipt" -w -A NETLAB-SANDBOX-IN -i "$link" -j RETURN; done
  "$ipt" -w -A NETLAB-SANDBOX-IN -p tcp -j REJECT --reject-with tcp-reset
  "$ipt" -w -A NETLAB-SANDBOX-IN -j REJECT
  jump_first "$ipt" INPUT NETLAB-SANDBOX-IN

  chain "$ipt" NETLAB-SANDBOX-OUT
  "$ipt" -w -A NETLAB-SANDBOX-OUT -m owner --uid-owner "$NOBODY" -p tcp -j REJECT --reject-with tcp-reset
  "$ipt" -w -A NETLAB-SANDBOX-OUT -m owner --uid-owner "$NOBODY" -j REJECT
  jump_first "$ipt" OUTPUT NETLAB-SANDBOX-OUT

  "$ipt" -w -N DOCKER-USER 2>/dev/null || true
  for link in $uplinks; do
    "$ipt" -w -C DOCKER-USER -o "$link" -j REJECT 2>/dev/null || "$ipt" -w -I DOCKER-USER 1 -o "$link" -j REJECT
  done
}

v4="$(backends_for iptables)"
[ -n "$v4" ] || { echo "firewall: no working iptables; refusing to start an engine demos could reach" >&2; exit 1; }
for cmd in $v4; do apply "$cmd"; done

# IPv6 too, unless it is off in this network namespace (Docker turns it off in containers whose
# networks have none). dockerd listens on [::]:2376 as well.
v6=""
if [ "$(cat /proc/sys/net/ipv6/conf/all/disable_ipv6 2>/dev/null || echo 1)" = 0 ] || [ "$(cat /proc/sys/net/ipv6/conf/default/disable_ipv6 2>/dev/null || echo 1)" = 0 ]; then
  v6="$(backends_for ip6tables)"
  [ -n "$v6" ] || { echo "firewall: IPv6 is on but no ip6tables works; refusing to start an engine demos could reach" >&2; exit 1; }
  for cmd in $v6; do apply "$cmd"; done
fi

echo "firewall: demo containers kept off this container's ports (links: $(echo $uplinks); IPv4:$v4; IPv6:${v6:- off})"
