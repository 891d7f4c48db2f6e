# Extra rows for run-peers.sh, measured in the same run as the peers:
#   EXTRA_SERVERS=servers.example.sh ./run-peers.sh
# This file is sourced by run-peers.sh after lib.sh, so $BENCH_DIR (this folder)
# and bench_server are defined. One bench_server call = one row of the table:
#   [settings] bench_server NAME START_CMD TOKEN_URL CLIENT_ID CLIENT_SECRET [SCOPE]
# START_CMD runs under /bin/sh -c in its own process group; use `exec` so the
# measured PID is the server itself. Pick a free port per server.

# Harness self-test fixture (bench/refserver): naive Go stdlib server with
# Entra-shaped, tenant-scoped routes and client_secret_post.
TENANT=00000000-0000-0000-0000-0000000000aa
READY_URL="http://127.0.0.1:18090/$TENANT/v2.0/.well-known/openid-configuration" \
	DISCOVERY_URL="http://127.0.0.1:18090/$TENANT/v2.0/.well-known/openid-configuration" \
	AUTH=post SIGN_IMPL=go NOTE="harness fixture bench/refserver: net/http + crypto/rsa, one signature per token (not a peer)" \
	bench_server go-stdlib-ref \
	"exec '$BENCH_DIR/bin/refserver' -addr 127.0.0.1:18090 -client-id bench-client -client-secret bench-secret" \
	"http://127.0.0.1:18090/$TENANT/oauth2/v2.0/token" bench-client bench-secret "api://bench-api/.default"
