#!/usr/bin/env bash
# End-to-end check of deploy/local as a user runs it: up.sh brings up two federated nodes
# (each .env names the node's gateway and its local-admin token),
# each holds the other's contact record, a notice published with the incx launcher at one
# arrives in a watch at the other, a communication check is acknowledged by a crisis watch, a second
# up.sh changes nothing, and down.sh leaves no process and no listening port behind.
# Runs in its own folder and port range (INCX_RUN_DIR, INCX_PORT_OFFSET), beside any set of yours.
#
#   tests/deploy-local.sh          plaintext on loopback (the quick start)
#   tests/deploy-local.sh --tls    INCX_TLS=1: amqps links verifying certificates, gRPC over TLS
set -euo pipefail
case "${1:-}" in
  --tls) export INCX_TLS=1 ;;
  "") unset INCX_TLS ;;
  *) echo "usage: tests/deploy-local.sh [--tls]" >&2; exit 2 ;;
esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export INCX_RUN_DIR="$(mktemp -d /tmp/incx-deploy-test.XXXXXX)"
# mktemp makes it 0700; the rabbitmq user must reach the broker folders inside.
chmod 755 "$INCX_RUN_DIR"
export INCX_PORT_OFFSET=500
export INCX_COMMUNITIES=""
NODES=(cia cib)
. "$ROOT/deploy/topology.sh"

fail() { echo "deploy-local: FAILED: $*" >&2; exit 1; }
# Whatever ends this script, the set it started is stopped and its folder removed.
trap '"$ROOT/deploy/local/down.sh" --purge >/dev/null 2>&1 || true' EXIT
ports() { for i in 1 2; do for kind in amqp grpc dist mgmt stream metrics amqps; do incx_port "$kind" "$i"; done; done; }
listening() { local p; for p in $(ports); do [[ -n "$(ss -ltnH "sport = :$p")" ]] && echo "$p"; done; true; }
incx() { "$ROOT/deploy/local/incx" "$@"; }

[[ -z "$(listening)" ]] || fail "ports $(listening | xargs) are already in use; stop whatever uses them."

"$ROOT/deploy/local/up.sh" "${NODES[@]}" >"$INCX_RUN_DIR/up1.log" 2>&1 || { cat "$INCX_RUN_DIR/up1.log" >&2; fail "up.sh failed."; }

# Both links must come up (bounded), as incx nodes reports them at each node: the notice
# from cia reaches cib over cib's link, and the other way round.
links_running() {
  ( . "$INCX_RUN_DIR/${NODES[$1 - 1]}.env" && incx nodes --json ) | grep -q 'LINK_STATE_RUNNING'
}
for n in 1 2; do
  for _ in $(seq 1 60); do links_running "$n" && break; sleep 1; done
  links_running "$n" || fail "the federation link into node $n is not running after 60 s."
done

# cia's signed points-of-contact record reaches cib's directory (announced as the links came up).
has_record() { ( . "$INCX_RUN_DIR/cib.env" && incx contacts show cia --json 2>/dev/null ) | grep -q '"version"'; }
for _ in $(seq 1 30); do has_record && break; sleep 1; done
has_record || fail "cib holds no contact record of cia after 30 s."

( . "$INCX_RUN_DIR/cib.env" && incx watch --count 1 --timeout 60s --json >"$INCX_RUN_DIR/watch.out" 2>"$INCX_RUN_DIR/watch.err" ) &
watcher=$!
for _ in $(seq 1 100); do grep -q watching "$INCX_RUN_DIR/watch.err" 2>/dev/null && break; sleep 0.2; done
( . "$INCX_RUN_DIR/cia.env" && incx publish --title "deploy-local check" --summary "from cia to all" \
    --severity high --tlp green --category test --json ) >"$INCX_RUN_DIR/publish.out" || fail "incx publish failed."
wait "$watcher" || fail "incx watch at cib did not see the notice: $(cat "$INCX_RUN_DIR/watch.err")"
grep -q '"title": "deploy-local check"' "$INCX_RUN_DIR/watch.out" || fail "the watched alert is not the published notice."
grep -q '"signature_verified": true' "$INCX_RUN_DIR/watch.out" || fail "the alert was not signature-verified."

# The API needs a token: without one, cib's gateway refuses and the CLI says how to give one.
if ( . "$INCX_RUN_DIR/cib.env" && unset INCX_TOKEN_FILE && incx nodes ) >/dev/null 2>"$INCX_RUN_DIR/notoken.err"; then fail "cib's gateway answered a call without a token."; fi
grep -q "needs a client token" "$INCX_RUN_DIR/notoken.err" || fail "a call without a token was not refused as unauthenticated: $(cat "$INCX_RUN_DIR/notoken.err")"

# A communication check from cia reaches cib's crisis contact point, whose watch acknowledges it.
( . "$INCX_RUN_DIR/cib.env" && incx watch --subscription crisis --ack --as "duty officer" --count 1 --timeout 60s --json \
    >"$INCX_RUN_DIR/crisis.out" 2>"$INCX_RUN_DIR/crisis.err" ) &
crisis=$!
for _ in $(seq 1 100); do grep -q watching "$INCX_RUN_DIR/crisis.err" 2>/dev/null && break; sleep 0.2; done
( . "$INCX_RUN_DIR/cia.env" && incx ping --all --timeout 30s --json ) >"$INCX_RUN_DIR/ping.out" \
  || fail "incx ping --all at cia did not get an answer from every node: $(cat "$INCX_RUN_DIR/ping.out")"
wait "$crisis" || fail "the crisis watch at cib did not show the check: $(cat "$INCX_RUN_DIR/crisis.err")"
grep -q '"outcome": "CHECK_OUTCOME_ACKNOWLEDGED"' "$INCX_RUN_DIR/ping.out" || fail "cib's answer is not an acknowledgement: $(cat "$INCX_RUN_DIR/ping.out")"
grep -q '"acknowledged_by": "duty officer (crisis)"' "$INCX_RUN_DIR/ping.out" || fail "the report does not say who answered."

# Prometheus can scrape cib's gateway: the notice it accepted is counted (plain HTTP/1.1 on the metrics port).
scrape() { exec 3<>"/dev/tcp/127.0.0.1/$1" && printf 'GET /metrics HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$1" >&3 && cat <&3; exec 3<&-; }
scrape "$(incx_port metrics 2)" | grep -q '^incx_notices_accepted_total' || fail "cib's metrics endpoint does not count the accepted notice."

"$ROOT/deploy/local/up.sh" "${NODES[@]}" >"$INCX_RUN_DIR/up2.log" 2>&1 || { cat "$INCX_RUN_DIR/up2.log" >&2; fail "a second up.sh failed."; }
[[ $(grep -c "already running" "$INCX_RUN_DIR/up2.log") -eq 4 ]] || fail "a second up.sh did not leave the running set alone: $(cat "$INCX_RUN_DIR/up2.log")"
( . "$INCX_RUN_DIR/cib.env" && incx health ) >/dev/null || fail "cib is not serving after a second up.sh."

if [[ -n "${INCX_TLS:-}" ]]; then
  # The set really ran on TLS: the links it configured were amqps with peer verification, the gateway https.
  grep -q -- '--Incx:Peers:0:AmqpUri=amqps://.*verify=verify_peer' "$INCX_RUN_DIR/cib/gateway.args" || fail "cib's link is not configured as amqps with verify_peer."
  grep -q '^INCX_GATEWAY=https://' "$INCX_RUN_DIR/cib.env" || fail "cib's gateway is not configured for https."
fi

"$ROOT/deploy/local/down.sh" cia cib >/dev/null || fail "down.sh failed."
left="$(listening | xargs)"
[[ -z "$left" ]] || fail "ports $left still listen after down.sh."
if pgrep -f "$INCX_RUN_DIR" >/dev/null; then fail "processes of the set survive down.sh: $(pgrep -af "$INCX_RUN_DIR")"; fi


echo "deploy-local${INCX_TLS:+ (TLS)}: passed (up, contact records replicated, federated publish and watch, ping acknowledged, second up, down leaves nothing)."
