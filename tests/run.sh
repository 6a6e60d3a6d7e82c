#!/usr/bin/env bash
# Runs every test of the repository on a fresh Debian machine: installs what the tests need
# (rabbitmq-server for real brokers, postgresql for the store's contract suite, docker-compose to
# check docker-compose.yml), builds the solution with warnings as errors, runs all test projects,
# and ends with "N passed, N failed".
# .ci/run calls exactly this.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$PATH:/usr/sbin:/sbin"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

die() { echo "tests/run.sh: $*" >&2; exit 1; }

# CI reads the last line: whatever stops this script early (no SDK, a failed install or build)
# must still end with a count, and a failure.
summary_printed=0
trap '[[ $summary_printed -eq 1 ]] || echo "0 passed, 1 failed"' EXIT

command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not installed; install .NET SDK 10 first."

missing=()
command -v rabbitmq-server >/dev/null || missing+=(rabbitmq-server)
command -v docker-compose >/dev/null || missing+=(docker-compose)
# The store's tests start their own cluster from these binaries (not the system's service).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
if [[ ${#missing[@]} -gt 0 ]]; then
  [[ $EUID -eq 0 ]] || die "missing ${missing[*]}; install them (apt-get install ${missing[*]}) or run this as root."
  echo "tests/run.sh: installing ${missing[*]} from Debian's packages."
  apt-get update -q >/dev/null
  # The rabbitmq-server and postgresql packages try to start a service and are refused without an init system: harmless.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

echo "tests/run.sh: checking docker-compose.yml."
deploy/compose.sh | diff -q - docker-compose.yml >/dev/null \
  || die "docker-compose.yml differs from what deploy/compose.sh generates; run: deploy/compose.sh > docker-compose.yml"
docker-compose -f docker-compose.yml config -q || die "docker-compose.yml is not a valid Compose file."

echo "tests/run.sh: building (warnings are errors)."
dotnet build IncidentExchange.sln -c Release -warnaserror -nologo -v quiet

log="$(mktemp)"
set +e
dotnet test IncidentExchange.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# Each test assembly prints "Passed!  - Failed: F, Passed: P, ..." (or "Failed!  - ..."); add them up.
sum() { grep -oE "$1: +[0-9]+" "$log" | awk '{ total += $2 } END { print total + 0 }'; }
passed=$(sum Passed)
failed=$(sum Failed)

# deploy/local as a user runs it (up.sh, incx launcher, down.sh), plaintext and with TLS: two more tests.
for mode in "" --tls; do
  echo "tests/run.sh: checking deploy/local end to end${mode:+ ($mode)}."
  if tests/deploy-local.sh $mode; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); status=1
  fi
done
if [[ $status -ne 0 && $failed -eq 0 ]]; then
  # A crashed test host reports no count of its own: never let that pass as green.
  failed=1
fi
rm -f "$log"
summary_printed=1
echo "${passed} passed, ${failed} failed"
[[ $status -eq 0 ]]
