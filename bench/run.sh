#!/usr/bin/env bash
# The benchmark of the README's Performance section: the two peers
# (oauth2-mock-server, oidc-provider; npm, pinned in package-lock.json,
# installed on demand) and mockidp (built from this repository), side by
# side in one run, then the table. Loopback only; every load level ends by
# itself. About 8 minutes; QUICK=1 for a 1-minute smoke run.
#
#   bench/run.sh                       # peers + mockidp
#   MOCKIDP_SIGNER=go bench/run.sh     # mockidp signing with crypto/rsa
#   EXTRA_SERVERS=servers.node22.sh bench/run.sh   # + more rows
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export EXTRA_SERVERS="servers.mockidp.sh ${EXTRA_SERVERS:-}"
exec "$HERE/run-peers.sh" "$@"
