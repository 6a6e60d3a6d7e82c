#!/usr/bin/env bash
# Stop the local incx nodes started by up.sh: gateways first, then their RabbitMQ nodes.
# Keys, broker data and the gateways' data folders stay in deploy/local/.run/ for the next up.sh;
# --purge deletes them too.
#
#   deploy/local/down.sh [--purge] [node-id ...]     (default: every node under .run/)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RUN="${INCX_RUN_DIR:-$HERE/.run}"
PURGE=0
if [[ "${1:-}" == "--purge" ]]; then PURGE=1; shift; fi

NODES=("$@")
if [[ ${#NODES[@]} -eq 0 && -d "$RUN" ]]; then
  for dir in "$RUN"/*/; do
    name="$(basename "$dir")"
    [[ "$name" == bin ]] || NODES+=("$name")
  done
fi

for node in "${NODES[@]}"; do
  dir="$RUN/$node"
  [[ -d "$dir" ]] || { echo "down.sh: no node '$node' under $RUN." >&2; continue; }
  if [[ -s "$dir/gateway.pid" ]]; then
    pid="$(cat "$dir/gateway.pid")"
    # The pid file may outlive a reboot: signal the pid only if it still runs our gateway.
    if grep -qa "incx-gateway.dll" "/proc/$pid/cmdline" 2>/dev/null; then
      kill -TERM "$pid"
      # Bounded: a gateway that has not stopped after 20 s is killed.
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      echo "down.sh: stopped the gateway of $node (pid $pid)."
    fi
    rm -f "$dir/gateway.pid"
  fi
  "$HERE/rabbit-node.sh" stop "incx-$node" "$dir/rabbit"
  rm -f "$RUN/$node.env"
  [[ $PURGE -eq 1 ]] && rm -rf "$dir"
done
[[ $PURGE -eq 1 ]] && rm -rf "$RUN"
exit 0
