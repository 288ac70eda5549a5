#!/usr/bin/env bash
# A newcomer's first start, on a fresh clone of this repository in a private (0700)
# directory, the way a root user in a container clones into /root: `npm ci`, then
# `npm start` on a terminal (the worker and the HTTP API in one process), until the demo
# project is provisioned; its printed key is verified with the CLI, and the printed admin
# token lists the project through the printed API URL; then Ctrl-C (SIGINT to the
# terminal's foreground process group). Passes when the process logged "stopped" and exited 0, nothing of it still runs, no
# CONNECTION_CLOSED warning was printed, and no pg-password-* file appeared in the system
# temp directory. Run by .ci/run; about a minute.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
home="$(mktemp -d)" # mode 0700, like root's home
clone="$home/clone"
tmp="${TMPDIR:-/tmp}"
marker="$(mktemp)"
fail() {
  echo "check-newcomer: FAILED: $*" >&2
  [ -f "$home/start.log" ] && tail -n 40 "$home/start.log" >&2
  exit 1
}
# Every process started in the clone (this script stays outside it), and its server,
# which root runs on a cluster outside the clone.
cluster="/var/lib/org-embedded-postgres/cluster-$(printf '%s' "$clone/.data/postgres" | sha256sum | cut -c1-16)"
processes_in_clone() {
  for proc in /proc/[0-9]*; do
    case "$(readlink "$proc/cwd" 2>/dev/null)" in "$clone" | "$clone"/* | "$cluster"/*) echo "${proc#/proc/}" ;; esac
  done
}
cleanup() {
  for pid in $(processes_in_clone); do kill -KILL "$pid" 2>/dev/null || true; done
  # As root the cluster lives outside the clone (see @org/db's README): remove it too.
  rm -rf "$cluster"
  rm -rf "$home" "$marker"
}
trap cleanup EXIT

echo "check-newcomer: cloning into $clone (parent mode $(stat -c %a "$home"), user $(id -un))"
git clone -q "$repo" "$clone"
(cd "$clone" && npm ci --no-audit --no-fund --prefer-offline) >"$home/install.log" 2>&1 || fail "npm ci: $(tail -n 5 "$home/install.log")"

port="$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
# `script` gives npm a terminal, as a newcomer's shell does. It runs the command through
# $SHELL, or /bin/sh when unset (CI): there dash, not interactive, would itself die of the
# terminal's Ctrl-C (exit 130), which a newcomer's interactive shell ignores; `exec` leaves
# npm alone in that place.
(cd "$clone" && HTTP_PORT=0 API_PORT=0 EMBEDDED_PG_PORT="$port" exec script -qefc "exec npm start" /dev/null) >"$home/start.log" 2>&1 &
terminal=$!
for _ in $(seq 1 240); do
  grep -q "Demo project provisioned" "$home/start.log" && break
  kill -0 "$terminal" 2>/dev/null || fail "npm start exited before the demo finished"
  sleep 0.5
done
grep -q "Demo project provisioned" "$home/start.log" || fail "no provisioned demo project after 120 s"
grep -q '"level":' "$home/start.log" && fail "JSON log lines on a terminal"

key="$(grep -m 1 -o 'verify-key [a-z0-9_]*' "$home/start.log" | cut -d' ' -f2)"
[ -n "$key" ] || fail "the demo printed no key to verify"
(cd "$clone" && EMBEDDED_PG_PORT="$port" npm run -s cli -- verify-key "$key") | grep -q '^valid: key ' || fail "verify-key did not accept the demo key"

url="$(grep -m 1 -o 'HTTP API: http://[0-9.:]*' "$home/start.log" | cut -d' ' -f3)"
token="$(grep -m 1 -o 'cpadmin_[A-Za-z0-9_]*' "$home/start.log")"
[ -n "$url" ] && [ -n "$token" ] || fail "npm start printed no API URL or admin token"
URL="$url" TOKEN="$token" node -e '
  fetch(`${process.env.URL}/v1/projects`, { headers: { authorization: `Bearer ${process.env.TOKEN}` } })
    .then(async (r) => { const b = await r.json(); if (r.status !== 200 || !b.data.some((p) => p.name === "demo project")) throw new Error(`${r.status} ${JSON.stringify(b)}`); })
    .catch((e) => { console.error(e.message); process.exit(1); })' || fail "GET /v1/projects with the printed token did not list the demo project"
# The console npm start built: its page, and the script it loads.
grep -q "Console:  $url/console/" "$home/start.log" || fail "npm start printed no console address"
URL="$url" node -e '
  (async () => {
    const page = await fetch(`${process.env.URL}/console/`);
    const html = await page.text();
    const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html);
    if (page.status !== 200 || script === null) throw new Error(`console page: ${page.status}`);
    const js = await fetch(`${process.env.URL}${script[1]}`);
    if (js.status !== 200 || !(js.headers.get("content-type") ?? "").includes("javascript")) throw new Error(`console script: ${js.status}`);
  })().catch((e) => { console.error(e.message); process.exit(1); })' || fail "the console did not load from the API"

# Ctrl-C: SIGINT to the terminal's foreground process group (npm and the worker with the API).
worker=""
for pid in $(processes_in_clone); do
  grep -qa 'apps/api/src/cli.ts' "/proc/$pid/cmdline" && worker="$pid" && break
done
[ -n "$worker" ] || fail "no worker process found"
kill -INT -- "-$(ps -o pgid= -p "$worker" | tr -d ' ')"
wait "$terminal" || fail "npm start exited with $?"
grep -q "stopped" "$home/start.log" || fail "no 'stopped' line after Ctrl-C"
grep -q "CONNECTION_CLOSED" "$home/start.log" && fail "a CONNECTION_CLOSED warning on Ctrl-C"
sleep 1
[ -z "$(processes_in_clone)" ] || fail "still running after Ctrl-C: $(processes_in_clone | tr '\n' ' ')"
leaked="$(find "$tmp" -maxdepth 1 -name 'pg-password-*' -newer "$marker" 2>/dev/null)"
[ -z "$leaked" ] || fail "password files left in $tmp: $leaked"
echo "check-newcomer: ok ($(grep -c '✓' "$home/start.log") steps shown, key verified, API answered with the printed token, console served, stopped cleanly, nothing left)"
