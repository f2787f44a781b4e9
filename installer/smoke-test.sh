#!/usr/bin/env bash
# Installs the .deb that installer/build.sh made and checks the installed product, as a user would get it:
#   1. `seal --help` (the CLI on the PATH) answers, and later `seal import/info/generate` run on the bundled data;
#   2. `seal-workbench` under Xvfb, as a brand-new user (empty $HOME), opens its window: the log in the user
#      data folder says "Window shown", an X window titled "SEAL Workbench" exists, and the process is
#      still alive 10 s later; then waits for the first start's engine unpacking to finish.
# Prints the cold start time (launch to window) and the unpacking time. Needs root (apt-get, dpkg).
# SHOT=/path/to/file.png also takes a screenshot of the screen (needs ImageMagick's `import`).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'smoke: %s\n' "$*" >&2; }
fail() { say "FAILED: $*"; [ -n "${APPLOG:-}" ] && [ -f "$APPLOG" ] && tail -40 "$APPLOG" >&2; exit 1; }

DEB="$(ls target/installer/seal-workbench_*.deb 2>/dev/null | head -1)"
[ -n "$DEB" ] || fail "no .deb in target/installer (run installer/build.sh)"
export DEBIAN_FRONTEND=noninteractive
need=()
for p in xvfb xdotool; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq >/dev/null; apt-get install -y -qq "${need[@]}" >/dev/null; fi

say "installing $DEB"
apt-get install -y -qq --reinstall "./$DEB" >/dev/null || fail "apt-get install ./$DEB"
for cmd in seal seal-workbench; do command -v "$cmd" >/dev/null || fail "$cmd is not on the PATH"; done
seal --help | grep -q "Usage: seal" || fail "seal --help"
say "seal --help answers ($(command -v seal) -> $(grep -o 'exec .*' "$(command -v seal)"))"


# A brand-new user: nothing unpacked, no settings, no workspace.
USER_HOME="$(mktemp -d /tmp/seal-smoke-home.XXXXXX)"
export HOME="$USER_HOME"
unset XDG_DATA_HOME XDG_CONFIG_HOME SEAL_WORKBENCH_HOME DJL_CACHE_DIR ENGINE_CACHE_DIR || true
APPLOG="$HOME/.local/share/seal-workbench/logs/seal-workbench.0.log"

DISPLAY_NUM=":${SMOKE_DISPLAY:-97}"
Xvfb "$DISPLAY_NUM" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
APP=""
cleanup() {
  [ -n "$APP" ] && kill "$APP" 2>/dev/null || true
  kill "$XVFB" 2>/dev/null || true
  # The test user's data holds the 432 MB natives cache; SMOKE_KEEP_HOME=1 keeps it for a look.
  [ "${SMOKE_KEEP_HOME:-}" = 1 ] || rm -rf "$USER_HOME"
}
trap cleanup EXIT
export DISPLAY="$DISPLAY_NUM"
sleep 1

t0=$(date +%s%N)
seal-workbench >"$HOME/stdout.txt" 2>&1 &
APP=$!
for _ in $(seq 1 600); do
  [ -f "$APPLOG" ] && grep -q "Window shown" "$APPLOG" && break
  kill -0 "$APP" 2>/dev/null || { cat "$HOME/stdout.txt" >&2; fail "seal-workbench exited before its window appeared"; }
  sleep 0.1
done
t1=$(date +%s%N)
cpu="$(ps -o cputime= -p "$APP" | tr -d ' ')"
grep -q "Window shown" "$APPLOG" || fail "no 'Window shown' in $APPLOG after 60 s"
say "cold start (launch to window, first run): $(( (t1 - t0) / 1000000 )) ms wall, CPU time $cpu, load $(cut -d' ' -f1-3 /proc/loadavg); the log says: $(grep -o 'Window shown.*' "$APPLOG" | head -1)"
xdotool search --name "SEAL Workbench" >/dev/null || fail "no X window named SEAL Workbench"
say "windows: $(xdotool search --name 'SEAL Workbench' | while read -r w; do printf '[%s] ' "$(xdotool getwindowname "$w")"; done)"

# First start: DJL unpacks the natives while the window shows progress.
for _ in $(seq 1 1800); do
  grep -q "Engine ready after unpacking" "$APPLOG" && break
  kill -0 "$APP" 2>/dev/null || fail "seal-workbench died while the engine started"
  sleep 0.1
done
t2=$(date +%s%N)
grep -q "Engine ready after unpacking" "$APPLOG" || fail "the engine did not start within 180 s"
say "engine ready (natives unpacked) $(( (t2 - t0) / 1000000 )) ms after launch: $(grep -o 'Engine ready.*' "$APPLOG")"
say "unpacked: $(du -sm "$HOME/.local/share/seal-workbench/djl-cache" | cut -f1) MB in $HOME/.local/share/seal-workbench/djl-cache"
[ -n "${SHOT:-}" ] && command -v import >/dev/null && import -window root "$SHOT" && say "screenshot: $SHOT"
sleep 10
kill -0 "$APP" 2>/dev/null || fail "seal-workbench exited within 10 s of showing its window"
say "alive 10 s after the window appeared"
kill "$APP"; wait "$APP" 2>/dev/null || true
APP=""

# The installed CLI on the installed model and data (the tokenizer's, sqlite's and PyTorch's natives at work).
APPDIR=/opt/seal-workbench/lib/app
seal import "$APPDIR/sample-data/passages.json" --workspace "$HOME/cli-ws" >/dev/null || fail "seal import"
seal info --workspace "$HOME/cli-ws" | grep -qi "passages" || fail "seal info"
gen="$(seal generate --model "$APPDIR/models/seal-tiny" --prompt "The Vessary Lighthouse" --max-new 8 --seed 1)" \
  || fail "seal generate on the bundled model"
say "seal import/info/generate work; generate said: $(printf '%s' "$gen" | tr '\n' ' ' | cut -c1-120)"
# The MKL code-path shim travels inside the workbench jar (when the build machine had a C compiler).
dev="$(seal device 2>&1)" || fail "seal device"
say "seal device: $(printf '%s' "$dev" | grep -o 'MKL kernels.*' | head -1)"
# The PATH's commands set the engine's process settings (the launchers alone would run libgomp's spinning default).
printf '%s' "$dev" | grep -q "OpenMP waiting passive, malloc trim threshold 1073741824 bytes" \
  || fail "seal device does not show passive OpenMP waiting and the malloc trim threshold: $(printf '%s' "$dev" | tail -1)"

# A second start of the same user: natives already there (warm start).
t0=$(date +%s%N)
seal-workbench >>"$HOME/stdout.txt" 2>&1 &
APP=$!
before=$(grep -c "Window shown" "$APPLOG")
for _ in $(seq 1 600); do
  [ "$(grep -c "Window shown" "$APPLOG")" -gt "$before" ] && break
  kill -0 "$APP" 2>/dev/null || fail "second start exited early"
  sleep 0.1
done
t1=$(date +%s%N)
say "second start (launch to window): $(( (t1 - t0) / 1000000 )) ms wall, CPU time $(ps -o cputime= -p "$APP" | tr -d ' ')"
kill "$APP"; wait "$APP" 2>/dev/null || true
APP=""
say "OK"
