# Shared set-up for scripts/start.sh and scripts/test.sh: installs what a fresh Debian machine lacks.
# Sourced, not run. Every step is skipped when already satisfied, so re-runs are fast.

export NEXT_TELEMETRY_DISABLED=1
export DEBIAN_FRONTEND=noninteractive

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
    echo "error: need root (or sudo) to run: $*" >&2; return 1; fi
}

# ensure_packages BIN:PACKAGE ... — installs each Debian package whose binary is missing.
ensure_packages() {
  local missing=() pair bin pkg
  for pair in "$@"; do
    bin="${pair%%:*}"; pkg="${pair##*:}"
    [ -x "$bin" ] || command -v "$bin" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "[setup] installing Debian packages: ${missing[*]}"
  as_root apt-get update -q >/dev/null
  # policy-rc.d keeps the docker-registry package from starting its own registry on port 5000.
  as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# ensure_node_modules — npm ci when node_modules is missing or older than package-lock.json.
ensure_node_modules() {
  local stamp=node_modules/.lock-hash want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  echo "[setup] installing npm dependencies"
  # npm ci refuses a lock file without entries for other platforms' optional binaries (some
  # registries do not serve them); npm install then honours the locked versions for this platform.
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null || npm install --no-audit --no-fund --no-save --loglevel=error
  echo "$want" > "$stamp"
}

# ensure_build — next build when there is no build or a source file is newer than it.
ensure_build() {
  local dist="${NEXT_DIST_DIR:-.next}"
  if [ -f "$dist/BUILD_ID" ] && [ -z "$(find app components lib db public proxy.ts next.config.ts postcss.config.mjs package-lock.json -newer "$dist/BUILD_ID" -print -quit 2>/dev/null)" ]; then
    return 0
  fi
  echo "[setup] building the console (next build)"
  npx next build
}

# ensure_postgres — tests and benchmarks need the PostgreSQL server on 127.0.0.1:5432 (each run
# creates and drops its own database); starts the machine's cluster when it is installed but down.
ensure_postgres() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
      as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    fi
    pg_isready -q -h 127.0.0.1 -p 5432 || { echo "error: no PostgreSQL on 127.0.0.1:5432 (set TEST_PG_ADMIN_URL)" >&2; exit 1; }
  fi
}

# ensure_build_user [USER] — the dedicated unprivileged user automated builds run as (rootless buildah):
# a system account without a login shell, a 65536-id subuid/subgid range for its user namespace, and
# access to /dev/net/tun for slirp4netns (builds with network). Idempotent; needs root (or sudo).
ensure_build_user() {
  local user="${1:-dockyard-build}" start
  if ! id "$user" >/dev/null 2>&1; then
    echo "[setup] creating the build user $user"
    as_root useradd --system --create-home --home-dir "/var/lib/$user" --shell /usr/sbin/nologin "$user"
  fi
  for f in /etc/subuid /etc/subgid; do [ -f "$f" ] || as_root touch "$f"; done
  # The first range above every one already given out (and above the 100000 convention), same in both files.
  start=$(awk -F: 'BEGIN { m = 100000 } { e = $2 + $3; if (e > m) m = e } END { print m }' /etc/subuid /etc/subgid)
  for f in /etc/subuid /etc/subgid; do
    if ! grep -q "^$user:" "$f"; then
      echo "[setup] giving $user the ids $start-$((start + 65535)) in $f"
      if [ "$f" = /etc/subuid ]; then as_root usermod --add-subuids "$start-$((start + 65535))" "$user"
      else as_root usermod --add-subgids "$start-$((start + 65535))" "$user"; fi
    fi
  done
  # Containers often ship /dev/net/tun as root-only (Debian hosts make it 0666); the build user's group gets it.
  if [ -c /dev/net/tun ] && ! runuser -u "$user" -- test -r /dev/net/tun -a -w /dev/net/tun 2>/dev/null; then
    as_root chgrp "$user" /dev/net/tun && as_root chmod 0660 /dev/net/tun
  fi
}

# ensure_build_tools — what automated builds need (issue 23): buildah, runc, uidmap (newuidmap/newgidmap),
# slirp4netns (builds with network), git, and the unprivileged build user. The start command runs it when
# the operator has enabled builds (scripts/console.ts); tests and benchmarks always.
ensure_build_tools() {
  ensure_packages /usr/bin/buildah:buildah /usr/bin/newuidmap:uidmap /usr/bin/slirp4netns:slirp4netns \
    /usr/sbin/runc:runc /usr/bin/git:git
  ensure_build_user dockyard-build
}

# ensure_test_machine — what tests and benchmarks need: the registry, skopeo, Chromium, the docker
# engine (dockerd, started per test run) with a static busybox for images that RUN commands, the build
# engine's tools (buildah, runc, uidmap, slirp4netns, git) and its unprivileged user, OpenSSH's sshd
# (the browser tests serve a Git repository over SSH on loopback, tests/harness/git-ssh-server.ts;
# policy-rc.d keeps the package from starting the machine's own sshd), the npm dependencies and the
# PostgreSQL server.
ensure_test_machine() {
  ensure_packages /usr/bin/docker-registry:docker-registry skopeo:skopeo /usr/bin/chromium:chromium \
    pg_isready:postgresql-client /usr/sbin/dockerd:docker.io /bin/busybox:busybox-static \
    /usr/sbin/sshd:openssh-server
  ensure_build_tools
  ensure_node_modules
  ensure_postgres
}
