# mockidp row (sourced by run.sh / run-peers.sh, so it is measured in the same
# run as the peers). Needs bin/mockidp (bench_build makes it from this
# repository). HTTPS (TLS 1.3) as users run it: the CA is made once in a data
# folder before the run and handed to the load generator through
# SSL_CERT_FILE. Only the public-cloud listener runs. Signs with mockidp's
# signer (AVX-512 IFMA where the CPU has it); MOCKIDP_SIGNER=go in the
# environment measures crypto/rsa instead.
MOCKIDP_BIN="${MOCKIDP_BIN:-$BENCH_DIR/bin/mockidp}"
MOCKIDP_DATA="${MOCKIDP_DATA:-$BENCH_OUT/mockidp-data}"
MOCKIDP_PORT="${MOCKIDP_PORT:-18099}"
MOCKIDP_TENANT=3a6e1f52-8c4d-4b7e-9a21-5f0c2d8e4b19
MOCKIDP_FLAGS="--data-dir '$MOCKIDP_DATA' --listen 127.0.0.1:$MOCKIDP_PORT --cloud-listen usgov=,china=,germany= --proxy-listen '' --imds-listen ''"
mkdir -p "$MOCKIDP_DATA"
if [ ! -f "$MOCKIDP_DATA/ca.pem" ]; then
	# the first start makes the CA; timeout is the background job, so kill reaches mockidp
	timeout 20 "$MOCKIDP_BIN" --data-dir "$MOCKIDP_DATA" --listen 127.0.0.1:$MOCKIDP_PORT \
		--cloud-listen usgov=,china=,germany= --proxy-listen '' --imds-listen '' >/dev/null 2>&1 &
	_p=$!
	for _ in $(seq 1 100); do [ -f "$MOCKIDP_DATA/ca.pem" ] && break; sleep 0.1; done
	sleep 0.5; kill "$_p" 2>/dev/null; wait "$_p" 2>/dev/null || true
fi
export SSL_CERT_FILE="$MOCKIDP_DATA/ca.pem"
_mockidp_impl=mockidp
[ "${MOCKIDP_SIGNER:-auto}" = go ] && _mockidp_impl=go
READY_URL="https://127.0.0.1:$MOCKIDP_PORT/$MOCKIDP_TENANT/v2.0/.well-known/openid-configuration" \
	DISCOVERY_URL="https://127.0.0.1:$MOCKIDP_PORT/$MOCKIDP_TENANT/v2.0/.well-known/openid-configuration" \
	AUTH=post SIGN_IMPL=$_mockidp_impl NOTE="mockidp $(cd "$BENCH_DIR/.." && git rev-parse --short HEAD 2>/dev/null), HTTPS (TLS 1.3), seeded daemon app, signer mode ${MOCKIDP_SIGNER:-auto}" \
	bench_server mockidp \
	"exec '$MOCKIDP_BIN' $MOCKIDP_FLAGS --log-level error" \
	"https://127.0.0.1:$MOCKIDP_PORT/$MOCKIDP_TENANT/oauth2/v2.0/token" b2c4d6e8-1a3c-4e5f-8a7b-9c0d1e2f3a4b mockidp-daemon-secret "https://graph.microsoft.com/.default"
