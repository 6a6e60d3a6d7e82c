#!/usr/bin/env bash
# Start, stop or probe one isolated RabbitMQ node on this machine, without Docker.
# Used by the shell deployment scripts and by the C# test fixture
# (tests/IncidentExchange.Testing), so the fiddly details live in one place.
#
#   rabbit-node.sh start  <nodename> <base-dir> <amqp-port> <dist-port> <mgmt-port> <stream-port> [cluster-name]
#   rabbit-node.sh stop   <nodename> <base-dir>
#   rabbit-node.sh status <nodename>
#
# Several nodes can run side by side: each gets its own name, ports and data folder.
# Everything listens on 127.0.0.1 only. Each detail below says why it is needed (checked with
# Debian 12's rabbitmq-server 3.10).
#
# TLS (optional): with RABBIT_NODE_TLS_PORT and RABBIT_NODE_TLS_DIR + RABBIT_NODE_TLS_NAME set, the
# node also listens for amqps on that port with <dir>/<name>.pem and .key, and accepts only clients
# that present a certificate signed by <dir>/ca.pem (peers' federation links). The files are copied
# into <base-dir>/tls/, owned by rabbitmq; federation links of this node present them as client certificate.
set -euo pipefail

# Bounds for every wait, overridable from the environment.
START_TIMEOUT="${RABBIT_NODE_START_TIMEOUT:-90}"   # seconds for the node to finish booting
STOP_TIMEOUT="${RABBIT_NODE_STOP_TIMEOUT:-60}"     # seconds for a clean shutdown
PROBE_TIMEOUT="${RABBIT_NODE_PROBE_TIMEOUT:-15}"   # seconds for one `rabbitmqctl status`

# The CLI tools and the node must share the Erlang cookie in rabbitmq's home; as root the
# Debian wrappers `su` to rabbitmq, which keeps the rest of our environment.
export HOME=/var/lib/rabbitmq
# The server and CLI live in /usr/sbin, which non-login shells and CI runners may lack.
export PATH="$PATH:/usr/sbin:/sbin"
COOKIE="$HOME/.erlang.cookie"
# epmd (the Erlang port mapper, started on demand, shared by all nodes) on loopback only.
export ERL_EPMD_ADDRESS=127.0.0.1

die() { echo "rabbit-node.sh: $*" >&2; exit 1; }
log() { echo "rabbit-node.sh: $*"; }
usage() { sed -n '6,8p' "$0" | sed 's/^# *//' >&2; exit 2; }

# rabbitmqctl against one node, bounded by `timeout` because the CLI can hang on a
# half-started node. Extra arguments are passed through.
ctl() {
  local node="$1" secs="$2"; shift 2
  timeout --kill-after=5 "$secs" rabbitmqctl -q -n "$node@localhost" "$@"
}

is_running() { ctl "$1" "$PROBE_TIMEOUT" status >/dev/null 2>&1; }

valid_port() { [[ "$1" =~ ^[0-9]+$ ]] && (( $1 > 0 && $1 < 65536 )) || die "'$1' is not a valid TCP port."; }

port_taken() { [[ -n "$(ss -ltnH "sport = :$1" 2>/dev/null)" ]]; }

# Installs the server from Debian's packages when missing (root only).
ensure_installed() {
  command -v rabbitmq-server >/dev/null && command -v rabbitmqctl >/dev/null && return 0
  [[ $EUID -eq 0 ]] || die "rabbitmq-server is not installed; run as root (apt-get install rabbitmq-server) first."
  log "rabbitmq-server is missing; installing it with apt-get."
  # The package's attempt to start a service fails without an init system: harmless.
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q rabbitmq-server >/dev/null \
    || die "installing rabbitmq-server with apt-get failed."
  command -v rabbitmq-server >/dev/null || die "rabbitmq-server was installed but is not on PATH."
}

# The cookie must exist before concurrent starts, or two nodes may each write a different
# one; create it ourselves under a lock instead of leaving it to the first node.
ensure_cookie() {
  [[ $EUID -eq 0 ]] || { [[ -r "$COOKIE" ]] || die "cannot read the Erlang cookie $COOKIE; run once as root to create it."; return 0; }
  exec 9>/var/lock/incx-rabbit-cookie.lock
  flock -w 30 9 || die "could not lock the Erlang cookie for creation."
  if [[ ! -s "$COOKIE" ]]; then
    mkdir -p "$HOME"
    # Not `tr </dev/urandom | head`: tr's SIGPIPE would trip pipefail.
    local c; c="$(head -c 4096 /dev/urandom | LC_ALL=C tr -dc 'A-Z')"
    printf '%s' "${c:0:20}" >"$COOKIE"
  fi
  chown rabbitmq:rabbitmq "$HOME" "$COOKIE"
  chmod 400 "$COOKIE"
  exec 9>&-
}

# Pid of the node that uses <base-dir>: from its pid file, or, if the node has not written
# it yet (or it was removed), the beam.smp whose environment names that pid file.
node_pid() {
  local pidfile="$1/rabbit.pid" pid
  if [[ -s "$pidfile" ]]; then
    pid="$(tr -dc '0-9' <"$pidfile")"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && { echo "$pid"; return 0; }
  fi
  for pid in $(pgrep -x beam.smp || true); do
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -xF "RABBITMQ_PID_FILE=$pidfile" >/dev/null \
      && { echo "$pid"; return 0; }
  done
  return 1
}

cmd_start() {
  (( $# == 6 || $# == 7 )) || usage
  local node="$1" base="$2" amqp="$3" dist="$4" mgmt="$5" stream="$6" cluster="${7:-}"
  [[ "$node" =~ ^[A-Za-z0-9_-]+$ ]] || die "node name '$node' may only hold letters, digits, '_' and '-'."
  local p; for p in "$amqp" "$dist" "$mgmt" "$stream"; do valid_port "$p"; done
  [[ $(printf '%s\n' "$amqp" "$dist" "$mgmt" "$stream" | sort -u | wc -l) -eq 4 ]] \
    || die "the four ports must all differ (got $amqp $dist $mgmt $stream)."
  [[ $EUID -eq 0 || "$(id -un)" == rabbitmq ]] || die "must run as root or as the rabbitmq user."

  ensure_installed
  ensure_cookie

  if is_running "$node"; then
    log "node $node@localhost is already running; nothing to do."
    return 0
  fi
  local stale; if stale="$(node_pid "$base")"; then
    die "a node using $base (pid $stale) is running but does not answer; run 'rabbit-node.sh stop $node $base' first."
  fi
  for p in "$amqp" "$dist" "$mgmt" "$stream"; do
    port_taken "$p" && die "port $p is already in use by another process, so node $node cannot start."
  done

  mkdir -p "$base/mnesia" "$base/log"
  base="$(cd "$base" && pwd)"   # absolute, the node runs from /var/lib/rabbitmq
  echo '[rabbitmq_management,rabbitmq_federation,rabbitmq_federation_management,rabbitmq_stream].' >"$base/enabled_plugins"
  local tls_conf=""
  if [[ -n "${RABBIT_NODE_TLS_PORT:-}" ]]; then
    valid_port "$RABBIT_NODE_TLS_PORT"
    port_taken "$RABBIT_NODE_TLS_PORT" && die "port $RABBIT_NODE_TLS_PORT (amqps) is already in use by another process, so node $node cannot start."
    local tls_dir="${RABBIT_NODE_TLS_DIR:?RABBIT_NODE_TLS_DIR must name the folder with ca.pem and the node certificate}"
    local tls_name="${RABBIT_NODE_TLS_NAME:?RABBIT_NODE_TLS_NAME must name the certificate (<name>.pem, <name>.key)}"
    local f; for f in ca.pem "$tls_name.pem" "$tls_name.key"; do [[ -s "$tls_dir/$f" ]] || die "TLS file $tls_dir/$f is missing."; done
    mkdir -p "$base/tls"
    cp "$tls_dir/ca.pem" "$base/tls/ca.pem"; cp "$tls_dir/$tls_name.pem" "$base/tls/node.pem"; cp "$tls_dir/$tls_name.key" "$base/tls/node.key"
    chmod 600 "$base/tls/node.key"
    tls_conf="
# amqps for peers' federation links: only clients with a certificate from the local CA.
listeners.ssl.default = 127.0.0.1:$RABBIT_NODE_TLS_PORT
ssl_options.cacertfile = $base/tls/ca.pem
ssl_options.certfile = $base/tls/node.pem
ssl_options.keyfile = $base/tls/node.key
ssl_options.verify = verify_peer
ssl_options.fail_if_no_peer_cert = true
ssl_options.versions.1 = tlsv1.3
ssl_options.versions.2 = tlsv1.2"
  fi
  cat >"$base/rabbitmq.conf" <<EOF
# Generated by rabbit-node.sh for node $node; loopback only.
listeners.tcp.default = 127.0.0.1:$amqp
stream.listeners.tcp.1 = 127.0.0.1:$stream
stream.advertised_host = 127.0.0.1
stream.advertised_port = $stream
management.tcp.ip = 127.0.0.1
management.tcp.port = $mgmt
# guest may log in over 127.0.0.1 (it is refused on loopback only when listed here).
loopback_users = none
# Message rates every second instead of every 5 (operators and tests read them).
collect_statistics_interval = 1000
$tls_conf
EOF
  # Run as root, the server switches to rabbitmq, which must own everything it writes.
  if [[ $EUID -eq 0 ]]; then
    chown -R rabbitmq:rabbitmq "$base"
    su rabbitmq -s /bin/sh -c 'test -w "$0"' "$base/mnesia" \
      || die "the rabbitmq user cannot write $base (a parent folder is not traversable); choose a base dir under /tmp or /var/lib."
  fi

  export RABBITMQ_NODENAME="$node@localhost"
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$amqp" RABBITMQ_DIST_PORT="$dist"
  export RABBITMQ_MNESIA_BASE="$base/mnesia" RABBITMQ_LOG_BASE="$base/log"
  export RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins"
  export RABBITMQ_CONFIG_FILE="$base/rabbitmq"            # without .conf, as the server expects
  export RABBITMQ_PID_FILE="$base/rabbit.pid"
  # Erlang distribution on loopback only (the listener would otherwise bind 0.0.0.0).
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
  rm -f "$RABBITMQ_PID_FILE"

  log "starting node $node@localhost (amqp $amqp${RABBIT_NODE_TLS_PORT:+, amqps $RABBIT_NODE_TLS_PORT}, dist $dist, mgmt $mgmt, stream $stream) in $base."
  local out="$base/log/startup.out"
  rabbitmq-server -detached >"$out" 2>&1 || die "rabbitmq-server -detached failed: $(tail -n 20 "$out")"

  # await_startup fails at once while the node is not yet reachable, so retry until the
  # deadline; give up early if the node process has died.
  local started=$SECONDS deadline=$((SECONDS + START_TIMEOUT)) left
  while :; do
    left=$((deadline - SECONDS))
    if (( left <= 0 )); then
      cmd_stop "$node" "$base" >/dev/null 2>&1 || true
      die "node $node did not finish booting within ${START_TIMEOUT}s; see $base/log. Last output: $(tail -n 20 "$out")"
    fi
    ctl "$node" $((left + 5)) await_startup --timeout "$left" >>"$out" 2>&1 && break
    if (( SECONDS > started + 3 )) && ! node_pid "$base" >/dev/null; then
      die "node $node died while booting; see $base/log. Last log lines: $(tail -n 20 "$base/log/$node@localhost.log" 2>/dev/null; tail -n 20 "$out")"
    fi
    sleep 1
  done

  if [[ -n "$cluster" ]]; then
    ctl "$node" 30 set_cluster_name "$cluster" >/dev/null || die "could not set cluster name '$cluster' on $node."
  fi
  log "node $node@localhost is running (pid $(node_pid "$base" || echo '?'))."
}

cmd_stop() {
  (( $# == 2 )) || usage
  local node="$1" base="$2" pid=""
  base="$(cd "$base" 2>/dev/null && pwd || echo "$base")"   # same spelling as at start
  pid="$(node_pid "$base" 2>/dev/null || true)"
  # `shutdown` (unlike `stop`) waits for the OS process to exit.
  if ctl "$node" "$STOP_TIMEOUT" shutdown >/dev/null 2>&1; then
    log "node $node@localhost shut down."
  fi
  # Fallback: the node did not answer or hung; kill it by its own pid.
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    log "node $node still has process $pid; terminating it."
    kill -TERM "$pid" 2>/dev/null || true
    local i; for i in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$base/rabbit.pid"
  return 0
}

cmd_status() {
  (( $# == 1 )) || usage
  if is_running "$1"; then log "node $1@localhost is running."; else log "node $1@localhost is not running."; return 1; fi
}

(( $# >= 1 )) || usage
action="$1"; shift
case "$action" in
  start)  cmd_start "$@" ;;
  stop)   cmd_stop "$@" ;;
  status) cmd_status "$@" ;;
  *)      usage ;;
esac
