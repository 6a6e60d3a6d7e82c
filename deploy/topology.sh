# Shared by deploy/local/up.sh and deploy/compose.sh, so the local federation and the
# containers are built from one description: ports, peers, keys, communities.
# Source it; it defines functions only.
#
# Node i (1-based, in the order given) gets, plus INCX_PORT_OFFSET (default 0):
#   AMQP 5700+i, gateway gRPC 7100+i, Erlang distribution 25700+i,
#   management 15700+i, stream 5800+i, gateway metrics (Prometheus) 9100+i,
#   amqps for peers' federation links 5600+i (INCX_TLS=1 only).
#
# INCX_TLS=1 (local mode): peers link over amqps with certificates from RUN_DIR/tls (tls.sh),
# verifying each other, and gateways serve gRPC over TLS with their node's certificate.

incx_port() {  # incx_port amqp|grpc|dist|mgmt|stream INDEX
  local base
  case "$1" in
    amqp) base=5700 ;; grpc) base=7100 ;; dist) base=25700 ;; mgmt) base=15700 ;; stream) base=5800 ;; metrics) base=9100 ;; amqps) base=5600 ;;
    *) echo "topology.sh: unknown port kind '$1'." >&2; return 1 ;;
  esac
  echo $((base + $2 + ${INCX_PORT_OFFSET:-0}))
}

# Prints the gateway configuration of one node as KEY=VALUE lines (.NET configuration keys).
#   incx_gateway_settings local|compose NODE COMMUNITIES RUN_DIR NODE...
# local: everything on 127.0.0.1 with the ports above, keys under RUN_DIR/<node>/keys.
# compose: containers broker-<node> and gateway-<node>, keys mounted at /keys.
incx_gateway_settings() {
  local mode="$1" node="$2" communities="$3" run="$4"; shift 4
  local nodes=("$@") i=0 self=0 t=0 peer
  for peer in "${nodes[@]}"; do i=$((i + 1)); [[ "$peer" == "$node" ]] && self=$i; done
  echo "Incx:NodeId=$node"
  if [[ "$mode" == local ]]; then
    echo "Incx:KeyFile=$run/$node/keys/$node.key.json"
    echo "Incx:DataDirectory=$run/$node/data"
    echo "Incx:Broker:Uri=amqp://guest:guest@127.0.0.1:$(incx_port amqp "$self")/"
    echo "Incx:Broker:ManagementUri=http://127.0.0.1:$(incx_port mgmt "$self")/"
    if [[ "${INCX_TLS:-}" == 1 ]]; then
      echo "Kestrel:Endpoints:Grpc:Url=https://127.0.0.1:$(incx_port grpc "$self")"
      echo "Kestrel:Endpoints:Grpc:Certificate:Path=$run/tls/$node.pem"
      echo "Kestrel:Endpoints:Grpc:Certificate:KeyPath=$run/tls/$node.key"
    else
      echo "Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:$(incx_port grpc "$self")"
    fi
    echo "Incx:Telemetry:PrometheusUrl=http://127.0.0.1:$(incx_port metrics "$self")"
  else
    echo "Incx:KeyFile=/keys/$node.key.json"
    echo "Incx:DataDirectory=/data"
    echo "Incx:Broker:Uri=amqp://incx:incx@broker-$node:5672/"
    echo "Incx:Broker:ManagementUri=http://broker-$node:15672/"
    echo "Kestrel:Endpoints:Grpc:Url=http://0.0.0.0:$(incx_port grpc "$self")"
    echo "Incx:Telemetry:PrometheusUrl=http://0.0.0.0:$(incx_port metrics "$self")"
    # Containers talk over Compose's private network, published on 127.0.0.1 only; across borders use TLS.
    echo "Incx:AllowPlaintext=true"
  fi
  i=0
  for peer in "${nodes[@]}"; do
    i=$((i + 1))
    [[ "$peer" == "$node" ]] && continue
    if [[ "$mode" == local ]]; then
      echo "Incx:TrustedKeys:$t:Node=$peer"
      echo "Incx:TrustedKeys:$t:PublicKeyFile=$run/$peer/keys/$peer.pub.json"
      echo "Incx:Peers:$t:Node=$peer"
      if [[ "${INCX_TLS:-}" == 1 ]]; then
        # This node's broker opens the link: it verifies the peer's certificate and shows its own (rabbit-node.sh copies them).
        local tls="$run/$node/rabbit/tls"
        echo "Incx:Peers:$t:AmqpUri=amqps://guest:guest@127.0.0.1:$(incx_port amqps "$i")/?cacertfile=$tls/ca.pem&certfile=$tls/node.pem&keyfile=$tls/node.key&verify=verify_peer&server_name_indication=localhost"
      else
        echo "Incx:Peers:$t:AmqpUri=amqp://guest:guest@127.0.0.1:$(incx_port amqp "$i")/"
      fi
    else
      echo "Incx:TrustedKeys:$t:Node=$peer"
      echo "Incx:TrustedKeys:$t:PublicKeyFile=/keys/$peer.pub.json"
      echo "Incx:Peers:$t:Node=$peer"
      echo "Incx:Peers:$t:AmqpUri=amqp://incx:incx@broker-$peer:5672/"
    fi
    t=$((t + 1))
  done
  # Communities "eu=ee,fr;asia=jp": configured only where every member is in the node list.
  local community name members member present k
  IFS=';' read -ra community <<<"$communities"
  for c in "${community[@]}"; do
    [[ -n "$c" ]] || continue
    name="${c%%=*}"; IFS=',' read -ra members <<<"${c#*=}"
    present=1
    for member in "${members[@]}"; do [[ " ${nodes[*]} " == *" $member "* ]] || present=0; done
    [[ $present -eq 1 ]] || continue
    for k in "${!members[@]}"; do echo "Incx:Communities:$name:$k=${members[$k]}"; done
  done
}
