# shellcheck shell=bash
# Functions of the mockidp benchmark harness. Source it:  . path/to/bench/lib.sh
#
#   bench_build                       build bin/loadgen, bin/rsalimit, bin/refserver (Go, stdlib only),
#                                     bin/mockidp and bin/signrate (from this repository)
#   bench_rsa_limit                   RSA-2048 signs/s: Go crypto/rsa, mockidp's signer, node crypto, openssl speed
#   bench_server NAME START_CMD TOKEN_URL CLIENT_ID CLIENT_SECRET [SCOPE]
#                                     startup x N, idle RSS, load at each concurrency, peak RSS
#   bench_load TOKEN_URL CLIENT_ID CLIENT_SECRET [SCOPE]
#                                     load only, against a server that is already running
#   bench_table                       Markdown tables of everything in $BENCH_OUT
#
# Settings (environment variables, all optional):
#   BENCH_OUT      folder for results.jsonl, rsalimit.jsonl, server logs (default: bench/out/latest)
#   AUTH           post (client_secret_post, default) | basic (client_secret_basic)
#   READY_URL      URL that answers 200 when the server is ready; default: the discovery
#                  document <origin of TOKEN_URL>/.well-known/openid-configuration;
#                  the word "token" = POST the token request until it answers 200
#   DISCOVERY_URL  discovery document used to find jwks_uri (default as READY_URL)
#   JWKS_URL       JWKS used to verify the RS256 signatures (overrides discovery)
#   EXTRA_FORM     extra form fields, space separated k=v (e.g. "resource=urn:api")
#   LEVELS         concurrency levels (default 1,8,64)
#   DURATION       seconds per measured level (default 10)
#   ROUNDS         rounds over all levels; medians are reported (default 3)
#   WARMUP         seconds of unrecorded warm-up load at c=8 (default 3)
#   STARTUP_RUNS   startup measurements (default 5)
#   VERIFY_EVERY   verify the signature of the first and every Nth token per worker (default 100)
#   NOTE           free text stored with the result row
#   SIGN_IMPL      RSA library the server signs with: go (default), node or openssl; the
#                  table divides tokens/s by that library's all-core signing rate too
#   BASELINE       server name the table's ratios are relative to (default: first row)
#   RSA_SECONDS    seconds per signing-rate measurement (default 5)
#
# Every load run stops by itself; the whole bench_server call is also under
# `timeout`. Servers are started by loadgen in a process group of their own and
# only that group is signalled (SIGTERM, then SIGKILL after 5 s).

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
: "${BENCH_OUT:=$BENCH_DIR/out/latest}"

bench_build() {
	mkdir -p "$BENCH_DIR/bin"
	local tool
	for tool in loadgen rsalimit refserver; do
		(cd "$BENCH_DIR/$tool" && go build -o "$BENCH_DIR/bin/$tool" .) || return
	done
	# mockidp itself and its signer's rate, from the repository this folder is in
	(cd "$BENCH_DIR/.." && CGO_ENABLED=0 go build -o "$BENCH_DIR/bin/mockidp" ./cmd/mockidp &&
		go build -o "$BENCH_DIR/bin/signrate" ./bench/signrate) || return
}

_bench_need_tools() {
	if [ ! -x "$BENCH_DIR/bin/loadgen" ] || [ ! -x "$BENCH_DIR/bin/rsalimit" ]; then
		bench_build
	fi
}

bench_rsa_limit() {
	_bench_need_tools || return
	local secs="${RSA_SECONDS:-5}" out
	mkdir -p "$BENCH_OUT"
	out="$BENCH_OUT/rsalimit.jsonl"
	echo "== RSA-2048 signing rate (${secs}s per mode)"
	timeout 120 "$BENCH_DIR/bin/rsalimit" -d "${secs}s" | tee -a "$out"
	if [ -x "$BENCH_DIR/bin/signrate" ]; then
		timeout 120 "$BENCH_DIR/bin/signrate" -json -d "${secs}s" | tee -a "$out"
	fi
	if command -v node >/dev/null; then
		timeout 120 node "$BENCH_DIR/rsalimit/node-rsa.cjs" "$secs" | tee -a "$out"
	fi
	if command -v openssl >/dev/null; then
		local ncpu v1 vn
		ncpu="$(nproc)"
		v1="$(timeout 60 openssl speed -seconds "$secs" rsa2048 2>/dev/null | awk '$1=="rsa" && $2=="2048" {print $6}')"
		vn="$(timeout 60 openssl speed -seconds "$secs" -multi "$ncpu" rsa2048 2>/dev/null | awk '$1=="rsa" && $2=="2048" {print $6}')"
		local ver
		ver="$(openssl version | awk '{print $1" "$2}')"
		[ -n "$v1" ] && printf '{"kind":"rsalimit","impl":"openssl","mode":"single","workers":1,"bits":2048,"signs_per_s":%s,"note":"%s speed"}\n' "$v1" "$ver" | tee -a "$out"
		[ -n "$vn" ] && printf '{"kind":"rsalimit","impl":"openssl","mode":"multi","workers":%s,"bits":2048,"signs_per_s":%s,"note":"%s speed -multi %s"}\n' "$ncpu" "$vn" "$ver" "$ncpu" | tee -a "$out"
	fi
	return 0
}

# _bench_target_args TOKEN_URL CLIENT_ID CLIENT_SECRET [SCOPE] -> fills array BENCH_ARGS
_bench_target_args() {
	BENCH_ARGS=(-url "$1" -client-id "$2" -client-secret "$3" -auth "${AUTH:-post}"
		-verify-every "${VERIFY_EVERY:-100}")
	[ -n "${4:-}" ] && BENCH_ARGS+=(-scope "$4")
	[ -n "${DISCOVERY_URL:-}" ] && BENCH_ARGS+=(-discovery "$DISCOVERY_URL")
	[ -n "${JWKS_URL:-}" ] && BENCH_ARGS+=(-jwks "$JWKS_URL")
	local kv
	for kv in ${EXTRA_FORM:-}; do BENCH_ARGS+=(-form "$kv"); done
	return 0
}

bench_server() {
	if [ $# -lt 5 ]; then
		echo "usage: bench_server NAME START_CMD TOKEN_URL CLIENT_ID CLIENT_SECRET [SCOPE]" >&2
		return 2
	fi
	_bench_need_tools || return
	local name="$1" cmd="$2"
	shift 2
	_bench_target_args "$@"
	mkdir -p "$BENCH_OUT"
	local dur="${DURATION:-10}" rounds="${ROUNDS:-3}" levels="${LEVELS:-1,8,64}"
	local warm="${WARMUP:-3}" runs="${STARTUP_RUNS:-5}"
	local nlev limit
	nlev="$(echo "$levels" | tr ',' '\n' | grep -c .)"
	# hard bound: all load + warm-up + up to 30 s per start + slack
	limit=$((rounds * nlev * (dur + 6) + warm + (runs + 1) * 30 + 60))
	BENCH_ARGS+=(-name "$name" -cmd "$cmd" -c "$levels" -d "${dur}s" -rounds "$rounds"
		-warmup "${warm}s" -startup-runs "$runs" -ready-timeout 30s
		-out "$BENCH_OUT/results.jsonl" -log "$BENCH_OUT/$name.server.log")
	[ -n "${READY_URL:-}" ] && BENCH_ARGS+=(-ready-url "$READY_URL")
	[ -n "${NOTE:-}" ] && BENCH_ARGS+=(-note "$NOTE")
	BENCH_ARGS+=(-sign-impl "${SIGN_IMPL:-go}")
	timeout --signal=TERM --kill-after=20 "$limit" "$BENCH_DIR/bin/loadgen" bench "${BENCH_ARGS[@]}"
}

bench_load() {
	if [ $# -lt 3 ]; then
		echo "usage: bench_load TOKEN_URL CLIENT_ID CLIENT_SECRET [SCOPE]" >&2
		return 2
	fi
	_bench_need_tools || return
	_bench_target_args "$@"
	local dur="${DURATION:-10}" rounds="${ROUNDS:-1}" levels="${LEVELS:-1,8,64}" nlev
	nlev="$(echo "$levels" | tr ',' '\n' | grep -c .)"
	BENCH_ARGS+=(-c "$levels" -d "${dur}s" -rounds "$rounds")
	[ -n "${SERVER_PID:-}" ] && BENCH_ARGS+=(-pid "$SERVER_PID")
	timeout --signal=TERM --kill-after=10 $((rounds * nlev * (dur + 6) + 30)) \
		"$BENCH_DIR/bin/loadgen" load "${BENCH_ARGS[@]}"
}

bench_table() {
	_bench_need_tools || return
	local files=()
	[ -f "$BENCH_OUT/rsalimit.jsonl" ] && files+=("$BENCH_OUT/rsalimit.jsonl")
	[ -f "$BENCH_OUT/results.jsonl" ] && files+=("$BENCH_OUT/results.jsonl")
	if [ ${#files[@]} -eq 0 ]; then
		echo "no results in $BENCH_OUT" >&2
		return 1
	fi
	"$BENCH_DIR/bin/loadgen" table ${BASELINE:+-baseline "$BASELINE"} -limit "${LIMIT_IMPL:-go}" "${files[@]}"
}
