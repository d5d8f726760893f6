# Shared by run.sh, stop.sh and test.sh: where things live.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
var=${CAMPUS_VAR:-$root/var}
# Mail with live links, logs, sockets and the cluster: nothing the scripts create is
# for other local accounts to read.
umask 077

# The cluster's folder: var/pg. As root the cluster runs as `postgres`, who cannot
# enter the owner-only var/: then a folder of its own under /var/lib/campus.
pg_dir_for() {
  local wanted=$1
  if [ "$(id -u)" != 0 ]; then echo "$wanted"; return; fi
  local key
  key=$(printf '%s' "$wanted" | sha1sum | cut -c1-12)
  mkdir -p /var/lib/campus
  chmod 711 /var/lib/campus
  echo "/var/lib/campus/$key"
}

# The address emailed links point at: CAMPUS_BASE_URL when set, else the port nginx serves.
base_url_for() {
  echo "${CAMPUS_BASE_URL:-http://127.0.0.1:$1}"
}

# Waits for a URL to answer 200, up to a minute.
wait_for() {
  local url=$1
  for _ in $(seq 600); do
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

# Whether something already listens on HOST PORT.
port_taken() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}
