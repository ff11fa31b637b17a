#!/usr/bin/env bash
# The one test command: restore, build (warnings as errors), test, print "N passed, N failed".
# Extra arguments are forwarded to `dotnet test` (e.g. bash tests/run.sh --filter Name~Login).
set -euo pipefail

# Debian packages the tests need: Chromium for the browser tests; Postfix and Dovecot for the real mail servers
# the check-mail tests start (tests/Portal.Tests/CheckMail/RealMailServers).
# Installing them may also start the system's own postfix and dovecot on the usual ports (where policy-rc.d allows).
# They are left alone: the tests' private instances use their own config, queue and free loopback ports, so they
# neither need nor clash with them, and a developer's machine may rely on its own mail setup.
# clang and zlib1g-dev: the Native AOT build of `portal-probe` (the deploy tests publish it as operators do).
APT_PACKAGES="chromium fonts-noto-cjk postfix dovecot-core dovecot-imapd dovecot-lmtpd clang zlib1g-dev"

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO_ROOT="$(pwd)"
RESULTS_DIR="$REPO_ROOT/tests/TestResults"

# --- system packages (fast no-op when everything is present) ---
missing=()
for pkg in $APT_PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]})); then
  if [[ $EUID -eq 0 ]]; then
    SUDO=()
  elif command -v sudo >/dev/null; then
    SUDO=(sudo)
  else
    echo "Missing packages (${missing[*]}) and not root and no sudo; install them and rerun." >&2
    exit 2
  fi
  echo "Installing missing packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Playwright must use the distro Chromium; we never run `playwright install`.
PLAYWRIGHT_CHROMIUM_EXECUTABLE="$(command -v chromium || echo /usr/bin/chromium)"
export PLAYWRIGHT_CHROMIUM_EXECUTABLE
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Clean first so stale results from an earlier run can never be counted or mislead.
rm -rf "$RESULTS_DIR"

# --- build ---
if ! dotnet restore Portal.sln || ! dotnet build Portal.sln --no-restore -c Release -warnaserror; then
  echo "build failed"
  exit 1
fi

# --- test (don't stop on failure: we still want the summary) ---
# Every portal the tests start appends what its password watch searched (tests/Portal.Tests/Infrastructure/PasswordWatch.cs).
export PORTAL_PASSWORD_WATCH_FILE="$RESULTS_DIR/password-watch.txt"
mkdir -p "$RESULTS_DIR"
test_rc=0
dotnet test Portal.sln --no-build -c Release \
  --logger "trx;LogFilePrefix=results" --results-directory "$RESULTS_DIR" "$@" || test_rc=$?

# --- summary: sum the <Counters .../> of every TRX (one per test project) ---
# Prints the value of attribute $1 in the Counters element given on stdin (0 if absent).
attr() { grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }

passed=0 failed=0 total=0 executed=0 trx_count=0
shopt -s nullglob globstar
for trx in "$RESULTS_DIR"/**/*.trx; do
  # Join lines so the element is found even if it is wrapped.
  counters="$(tr '\n' ' ' <"$trx" | grep -o '<Counters [^>]*>' | head -n1 || true)"
  [[ -n $counters ]] || continue
  trx_count=$((trx_count + 1))
  passed=$((passed + $(attr passed <<<"$counters")))
  failed=$((failed + $(attr failed <<<"$counters")))
  total=$((total + $(attr total <<<"$counters")))
  executed=$((executed + $(attr executed <<<"$counters")))
done
skipped=$((total - executed))

status=0
if ((trx_count == 0)); then
  echo "no test results (.trx) produced in $RESULTS_DIR"; status=1
elif ((passed == 0)); then
  echo "no test ran (0 passed)"; status=1
fi
if ((failed > 0)); then
  echo "some tests failed"; status=1
elif ((test_rc != 0)); then
  echo "dotnet test exited with code $test_rc"; status=1
fi

# --- after the whole suite: did any password get out of any portal? ---
if [[ -s $PORTAL_PASSWORD_WATCH_FILE ]]; then
  read -r portals passwords lines responses values leaks < <(awk '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      n++; if (v["passwords"] > p) p = v["passwords"]; l += v["logs"]; r += v["responses"]; d += v["values"]; k += v["leaks"] }
    END { print n, p, l, r, d, k }' "$PORTAL_PASSWORD_WATCH_FILE")
  echo "password watch: $portals portals, $passwords typed passwords searched for in $lines log lines, $responses responses, $values database values: $leaks leaks"
  if ((leaks > 0)); then
    echo "a password got out; see $PORTAL_PASSWORD_WATCH_FILE"; status=1
  fi
elif ((passed > 0)) && [[ $* != *--filter* ]]; then
  echo "the password watch recorded nothing: was it switched off?"; status=1
fi

summary="$passed passed, $failed failed"
((skipped > 0)) && summary+=", $skipped skipped"
echo "$summary"
exit "$status"
