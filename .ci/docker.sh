# Sourced by .ci/run: makes Docker usable on a fresh CI machine like ours
# (root, no Docker running, no route to Docker Hub) and undoes what it did.

docker_started_pid=""

# docker_install installs the Docker engine and busybox (for the builder
# image) with apt when they are missing.
docker_install() {
	local missing=()
	command -v dockerd >/dev/null || missing+=(docker.io)
	command -v docker >/dev/null || missing+=(docker.io)
	command -v busybox >/dev/null || missing+=(busybox-static)
	[ ${#missing[@]} -eq 0 ] && return 0
	echo "== install ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
}

# docker_start starts dockerd unless a daemon already answers, and waits
# up to 60 s for it. Only a daemon started here is stopped by docker_stop.
docker_start() {
	if docker info >/dev/null 2>&1; then
		echo "== docker: using the running daemon"
		return 0
	fi
	docker_clear_stale_pid
	echo "== docker: starting dockerd"
	docker_log="$(mktemp -t dockerd.XXXXXX.log)"
	# No iptables: CI machines may lack the kernel modules; builds use
	# --network host and published ports go through docker-proxy.
	dockerd --iptables=false --ip6tables=false >"$docker_log" 2>&1 &
	docker_started_pid=$!
	for _ in $(seq 1 60); do
		docker info >/dev/null 2>&1 && return 0
		kill -0 "$docker_started_pid" 2>/dev/null || break
		sleep 1
	done
	echo "dockerd did not come up; its log:" >&2
	tail -n 30 "$docker_log" >&2
	return 1
}

# docker_clear_stale_pid handles a pid file left by a daemon that was
# killed (a session's processes end before CI runs): a daemon still going
# away gets 30 s to exit, a dead one's file is removed, since dockerd
# refuses to start while the file exists.
docker_clear_stale_pid() {
	local pidfile=/var/run/docker.pid pid
	[ -f "$pidfile" ] || return 0
	pid="$(cat "$pidfile" 2>/dev/null || true)"
	for _ in $(seq 1 30); do
		[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || break
		sleep 1
	done
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		echo "== docker: a daemon ($pid) holds $pidfile but does not answer" >&2
		return 0
	fi
	rm -f "$pidfile"
}

# docker_stop stops the daemon docker_start started, if any.
docker_stop() {
	[ -n "$docker_started_pid" ] || return 0
	echo "== docker: stopping dockerd ($docker_started_pid)"
	kill "$docker_started_pid" 2>/dev/null || true
	for _ in $(seq 1 30); do
		kill -0 "$docker_started_pid" 2>/dev/null || return 0
		sleep 1
	done
	kill -9 "$docker_started_pid" 2>/dev/null || true
}

# docker_builder_image makes the Dockerfile's first FROM image locally
# when it is missing, since Docker Hub may be unreachable.
docker_builder_image() {
	local from
	from="$(awk 'toupper($1) == "FROM" { print $2; exit }' Dockerfile)"
	if docker image inspect "$from" >/dev/null 2>&1; then
		echo "== docker: builder image $from present"
		return 0
	fi
	echo "== docker: making builder image $from from the local Go toolchain"
	.ci/builder-image "$from"
}
