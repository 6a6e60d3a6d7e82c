#!/usr/bin/env bash
# Bring up national incx nodes on this machine, without Docker: for each node id given
# (default: ee fr jp), its own RabbitMQ node and its own gateway, all on loopback, federated
# as a full mesh (each node's broker federates incx.v1 from every other node's broker).
#
#   deploy/local/up.sh [node-id ...]
#
# Communities: INCX_COMMUNITIES="eu=ee,fr;asia=jp" (default "eu=ee,fr"); a community is
# configured only if all its members are in the list.
# INCX_TLS=1: a local CA and a certificate per node (tls.sh, in .run/tls/); peers' brokers link
# over amqps (5600+i), verifying each other's certificates; gateways serve gRPC over TLS, and
# .run/<node>.env sets INCX_CA_FILE. Use the same setting for every up.sh of a set.
#
# Node i in the list (1-based) gets fixed ports (see deploy/README.md):
#   AMQP 5700+i   gRPC gateway 7100+i   Erlang distribution 25700+i
#   RabbitMQ management 15700+i         RabbitMQ stream 5800+i
#   gateway metrics (Prometheus, /metrics) 9100+i
# State lives in deploy/local/.run/<node>/ (keys, client token, broker data, the gateway's data folder, logs) and
# survives down.sh; deploy/local/.run/<node>.env holds INCX_GATEWAY and INCX_TOKEN_FILE for
# that node. Each node gets one client, local-admin, holding every role (publisher,
# contact-point, operator); its token is .run/<node>/admin.token (mode 0600).
# Each node publishes the demo points-of-contact record deploy/local/contacts/<node>.json
# if there is one (again on every run: unchanged details publish nothing).
# Running it again while the nodes run is harmless: running parts are left alone.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
# INCX_RUN_DIR and INCX_PORT_OFFSET let a second set (the tests) run beside yours.
RUN="${INCX_RUN_DIR:-$HERE/.run}"
# shellcheck source=../topology.sh
. "$HERE/../topology.sh"
NODES=("$@")
[[ ${#NODES[@]} -gt 0 ]] || NODES=(ee fr jp)
COMMUNITIES="${INCX_COMMUNITIES-eu=ee,fr}"

die() { echo "up.sh: $*" >&2; exit 1; }
log() { echo "up.sh: $*"; }

command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not installed; install .NET SDK 10 first."
for node in "${NODES[@]}"; do
  [[ "$node" =~ ^[a-z][a-z0-9-]{1,31}$ && "$node" != all ]] \
    || die "'$node' is not a valid node id (2 to 32 characters: lowercase letters, digits and '-', starting with a letter)."
done
[[ $(printf '%s\n' "${NODES[@]}" | sort | uniq -d | wc -l) -eq 0 ]] || die "a node id is listed twice."

# The pid file may outlive a reboot; only a live process running our gateway counts.
gateway_running() {
  [[ -s "$1/gateway.pid" ]] && grep -qa "incx-gateway.dll" "/proc/$(cat "$1/gateway.pid")/cmdline" 2>/dev/null
}

mkdir -p "$RUN"
# Never build over the files running gateways execute from: run down.sh first to pick up changes.
for node in "${NODES[@]}"; do
  if gateway_running "$RUN/$node"; then
    log "gateways are running; keeping their build (run down.sh first to rebuild)."
    SKIP_BUILD=1
    break
  fi
done
if [[ -z "${SKIP_BUILD:-}" ]]; then
  log "building the gateway and the incx CLI (Release)."
  dotnet build "$ROOT/src/IncidentExchange.Gateway" -c Release -o "$RUN/bin/gateway" -v quiet -nologo >"$RUN/build.log" 2>&1 \
    || die "building the gateway failed; see $RUN/build.log."
  dotnet build "$ROOT/src/IncidentExchange.Cli" -c Release -o "$RUN/bin/cli" -v quiet -nologo >>"$RUN/build.log" 2>&1 \
    || die "building the CLI failed; see $RUN/build.log."
fi
incx() { dotnet "$RUN/bin/cli/incx.dll" "$@"; }

port_owner() { ss -ltnpH "sport = :$1" 2>/dev/null | head -n1; }


# Keys first, for every node, so each gateway can pin every other node's public key.
for node in "${NODES[@]}"; do
  dir="$RUN/$node"
  mkdir -p "$dir"
  if [[ ! -f "$dir/keys/$node.key.json" ]]; then
    incx keys generate --node "$node" --out "$dir/keys" >/dev/null
    log "generated the signing key of $node."
  fi
  # The gateway stores only the token's hash; incx tokens create prints it with the settings.
  if [[ ! -f "$dir/admin.token" ]]; then
    incx tokens create --node "$node" --client local-admin --role publisher,contact-point,operator \
      --out "$dir/admin.token" --json >"$dir/admin.token.json"
    log "created the local-admin client token of $node ($dir/admin.token)."
  fi
done

if [[ "${INCX_TLS:-}" == 1 ]]; then
  "$HERE/tls.sh" "$RUN/tls" "${NODES[@]}" || die "creating the TLS certificates failed."
  log "TLS: peers link over amqps and gateways serve gRPC over TLS (CA $RUN/tls/ca.pem)."
fi
scheme=http; [[ "${INCX_TLS:-}" == 1 ]] && scheme=https

# The settings `incx tokens create --json` printed for a node, one per line.
client_settings() {
  sed -e 's/.*"settings":\[//' -e 's/\].*//' -e 's/","/"\n"/g' "$1/admin.token.json" | sed -e 's/^"//' -e 's/"$//'
}

for i in "${!NODES[@]}"; do
  node="${NODES[$i]}"; n=$((i + 1)); dir="$RUN/$node"
  amqp=$(incx_port amqp $n); grpc=$(incx_port grpc $n); dist=$(incx_port dist $n); mgmt=$(incx_port mgmt $n); stream=$(incx_port stream $n)

  if [[ "${INCX_TLS:-}" == 1 ]]; then
    export RABBIT_NODE_TLS_PORT="$(incx_port amqps $n)" RABBIT_NODE_TLS_DIR="$RUN/tls" RABBIT_NODE_TLS_NAME="$node"
  fi
  "$HERE/rabbit-node.sh" start "incx-$node" "$dir/rabbit" "$amqp" "$dist" "$mgmt" "$stream" "incx-$node" \
    || die "the RabbitMQ node of $node did not start."

  if gateway_running "$dir"; then
    log "the gateway of $node is already running (pid $(cat "$dir/gateway.pid"))."
  else
    for port in "$grpc" "$(incx_port metrics $n)"; do
      owner="$(port_owner "$port")"
      [[ -z "$owner" ]] || die "port $port (gateway of $node) is already in use: $owner"
    done
    args=()
    while IFS= read -r setting; do args+=("--$setting"); done \
      < <(incx_gateway_settings local "$node" "$COMMUNITIES" "$RUN" "${NODES[@]}"; client_settings "$dir")
    printf '%s\n' "${args[@]}" >"$dir/gateway.args"
    # setsid: the gateway outlives this script and the terminal it ran in.
    setsid nohup dotnet "$RUN/bin/gateway/incx-gateway.dll" "${args[@]}" >"$dir/gateway.log" 2>&1 < /dev/null &
    echo $! >"$dir/gateway.pid"
    log "started the gateway of $node (pid $!, gRPC 127.0.0.1:$grpc)."
  fi

  echo "INCX_GATEWAY=$scheme://127.0.0.1:$grpc" >"$RUN/$node.env"
  echo "INCX_TOKEN_FILE=$dir/admin.token" >>"$RUN/$node.env"
  if [[ "$scheme" == https ]]; then
    echo "INCX_CA_FILE=$RUN/tls/ca.pem" >>"$RUN/$node.env"
    echo "export INCX_CA_FILE" >>"$RUN/$node.env"
  fi
  echo "export INCX_GATEWAY INCX_TOKEN_FILE" >>"$RUN/$node.env"
done

for i in "${!NODES[@]}"; do
  node="${NODES[$i]}"; grpc=$(incx_port grpc $((i + 1)))
  if ! incx health --gateway "$scheme://127.0.0.1:$grpc" --ca-file "$RUN/tls/ca.pem" --wait 90s >/dev/null; then
    tail -n 20 "$RUN/$node/gateway.log" >&2 || true
    die "the gateway of $node is not serving after 90 s; its log is $RUN/$node/gateway.log."
  fi
  if [[ -f "$HERE/contacts/$node.json" ]]; then
    incx contacts publish --gateway "$scheme://127.0.0.1:$grpc" --ca-file "$RUN/tls/ca.pem" --token-file "$RUN/$node/admin.token" --file "$HERE/contacts/$node.json" >/dev/null \
      || die "publishing the contact record of $node failed (see the message above)."
  fi
  log "$node is serving: . $RUN/$node.env && deploy/local/incx watch"
done
