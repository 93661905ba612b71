#!/usr/bin/env bash
# keyshell's latency, measured on this machine in one run (see docs/performance.md).
#
#   shell/bench.sh            build if needed, then measure (BENCH_RUNS=30 runs a case)
#   BENCH_RUNS=10 shell/bench.sh
#   BENCH_BASELINE=../keyshell-before shell/bench.sh   also another checkout's warm path, same run
#
# In a throwaway HOME like shell/demo.sh (local vault, WireMock STS stand-in, Debian
# /usr/bin/aws) it compares the bare `aws sts get-caller-identity` with env credentials, the
# same through the `aws` function with a warm cache, the cold path (cache empty, vault unlocked
# by the session agent), and `keyshell export --format json` as a credential_process. Uses
# hyperfine when installed (apt-get install hyperfine), else a loop; peak RSS needs
# /usr/bin/time (apt-get install time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
keyshell=$root/bin/keyshell
runs=${BENCH_RUNS:-30}
aws_cli=/usr/bin/aws

if [ ! -x "$aws_cli" ]; then
  echo "bench: needs the Debian AWS CLI in $aws_cli (apt-get install awscli)" >&2
  exit 1
fi
if [ ! -f "$root/target/keyshell.jar" ] || [ ! -f "$root/target/tools/wiremock-standalone.jar" ]; then
  echo "== building keyshell (once)"
  (cd "$root" && ./mvnw -B -ntp -q -DskipTests package)
fi

bench=$(mktemp -d "${TMPDIR:-/tmp}/keyshell-bench.XXXXXX")
sts_pid=
cleanup() {
  [ -z "$sts_pid" ] || kill "$sts_pid" 2>/dev/null || true
  "$keyshell" lock >/dev/null 2>&1 || true
  rm -rf "$bench"
}
trap cleanup EXIT

# A fresh user, as in shell/demo.sh: nothing of yours is read or written.
export HOME=$bench/home
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME KEYSHELL_CONFIG_DIR KEYSHELL_VAULT_PASSPHRASE \
  AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE \
  AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE AWS_REGION AWS_DEFAULT_REGION
export XDG_RUNTIME_DIR=$bench/run
export PATH=/usr/bin:/bin:/usr/sbin:/sbin # the Debian aws, whatever else is installed
export KEYSHELL_SESSION=$(printf %024x $$) KEYSHELL_NO_TTY=1
export AWS_PAGER= AWS_EC2_METADATA_DISABLED=true
mkdir -p "$HOME/.aws" "$XDG_RUNTIME_DIR" "$bench/fake" && chmod 700 "$XDG_RUNTIME_DIR"
ln -s /bin/true "$bench/fake/aws" # a null child: what the JVM alone costs
cache=$HOME/.cache/keyshell

cat >"$HOME/.aws/credentials" <<'CREDS'
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
CREDS
cat >"$HOME/.aws/config" <<CONFIG
[default]
region = eu-west-1
mfa_serial = arn:aws:iam::111122223333:mfa/demo

[profile via-export]
region = eu-west-1
credential_process = $keyshell export --profile default --format json
CONFIG

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18556)
java -jar "$root/target/tools/wiremock-standalone.jar" --port "$port" --bind-address 127.0.0.1 \
  --root-dir "$root/shell/sts-standin" --global-response-templating --disable-banner \
  --no-request-journal >"$bench/sts.log" 2>&1 &
sts_pid=$!
sts=http://127.0.0.1:$port
export AWS_ENDPOINT_URL_STS=$sts
for _ in $(seq 150); do
  curl -fs -o /dev/null "$sts/__admin/health" 2>/dev/null && break
  sleep 0.1
done

echo "== setting up a throwaway user in $bench (local vault, STS stand-in on $sts)"
printf '%s' 'otpauth://totp/AWS:demo?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=AWS' |
  KEYSHELL_VAULT_PASSPHRASE=correct-horse-battery-staple "$keyshell" plugin init aws \
    --store local --import-profile default --mfa-serial arn:aws:iam::111122223333:mfa/demo \
    --otp-stdin --scope global --remove-plaintext --yes >/dev/null 2>&1
plugins=$HOME/.config/keyshell/plugins.sh
# From here on no passphrase: the vault opens only through this session's unlock agent.
# (aws-cli 2.9 predates AWS_ENDPOINT_URL_STS, so it is told the endpoint; keyshell reads it.)
call="aws sts get-caller-identity --output text --query Arn --endpoint-url $sts"
bash -c "source '$plugins' && $call" >/dev/null # mints once; the cache is warm
bash -c "command $call --profile via-export" >/dev/null
# The first warm hit is the JVM's, and starts the run agent (entry/RunAgent) that serves the next
# ones without a JVM; KEYSHELL_AGENT=off measures the JVM's own warm path beside it.
bash -c "source '$plugins' && $call" >/dev/null
agent_file=$XDG_RUNTIME_DIR/keyshell/run/agent
for _ in $(seq 100); do
  [ -f "$agent_file" ] && break
  sleep 0.1
done
agent_pid=$(sed -n 2p "$agent_file" 2>/dev/null || true)
[ -n "$agent_pid" ] || echo "bench: no run agent started; the agent rows measure the JVM" >&2

# The session the stand-in hands out, for the bare aws.
bare_env="AWS_ACCESS_KEY_ID=ASIASESSIONEXAMPLE01 AWS_SECRET_ACCESS_KEY=standinSessionSecretKey0000000000000000"
bare_env="$bare_env AWS_SESSION_TOKEN=StandinSession/arn:aws:iam::111122223333:user/demo AWS_REGION=eu-west-1"

# The cases, measured in interleaved rounds so that a change of load on a shared machine (other
# builds) hits every case alike: round 1 runs each case runs/rounds times, then round 2, ...
rounds=${BENCH_ROUNDS:-5}
per_round=$(((runs + rounds - 1) / rounds))
null="PATH=$bench/fake:\$PATH $keyshell plugin run -- aws sts get-caller-identity"
off="KEYSHELL_AGENT=off"
cases=(
  "floor||/bin/true"
  "jvm||java -XX:+UseSerialGC -XX:-UsePerfData -Xss512k -XX:TieredStopAtLevel=1 -Xshare:auto -version"
  "null_child||$null"
  "null_jvm||$off $null"
  "null_no_cds||$off KEYSHELL_CDS=off $null"
  "null_no_c1||$off KEYSHELL_JIT=full $null"
  "bare||$bare_env command $call"
  "wrapped||source '$plugins' && $call"
  "wrapped_jvm||export $off && source '$plugins' && $call"
  "cold|rm -rf '$cache'|source '$plugins' && $call"
  "cred_process||command $call --profile via-export"
  # As a user's shell does it, nothing subtracted: a bash that sources plugins.sh and runs aws,
  # against a bash that runs the bare aws; and a new terminal (no KEYSHELL_SESSION yet, so
  # plugins.sh makes one and no unlock agent serves it) whose first call finds the cache warm.
  "bash_bare||bash -c '$bare_env command $call'"
  "bash_wrapped||bash -c \"source '$plugins' && $call\""
  "bash_wrapped_jvm||env $off bash -c \"source '$plugins' && $call\""
  "bash_new_terminal||env -u KEYSHELL_SESSION bash -c \"source '$plugins' && $call\""
  # The same two with the null child: keyshell's and plugins.sh's cost through a real shell,
  # without the real aws's own variation (often +-100 ms between rounds).
  "bash_null_bare||env PATH=$bench/fake:$PATH bash -c 'aws sts get-caller-identity'"
  "bash_null_wrapped||env PATH=$bench/fake:$PATH bash -c \"source '$plugins' && aws sts get-caller-identity\""
  "sts_rtt||curl -fs -o /dev/null -X POST --data 'Action=GetSessionToken&Version=2011-06-15' $sts/"
)
# Java 25, when installed: its own copy of the launcher and jar, so its AOT cache does not take
# the place of the JDK 17 archive that the cases above use.
java25=${BENCH_JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
if [ -x "$java25" ]; then
  mkdir -p "$bench/jdk25/target"
  cp -r "$root/bin" "$bench/jdk25/"
  cp -r "$root/target/keyshell.jar" "$root/target/lib" "$bench/jdk25/target/"
  KEYSHELL_JAVA=$java25 "$bench/jdk25/bin/keyshell" --version >/dev/null # makes its AOT cache
  cases+=("null_jdk25||$off KEYSHELL_JAVA=$java25 PATH=$bench/fake:\$PATH $bench/jdk25/bin/keyshell plugin run -- aws sts get-caller-identity")
fi
# BENCH_BASELINE=/path/to/another/checkout (built): its warm path too, in the same run and rounds,
# on a copy so that its archives are its own ("is it slower than before?" answered on one machine
# at one time, not across days).
if [ -n "${BENCH_BASELINE-}" ]; then
  mkdir -p "$bench/baseline/target"
  cp -r "$BENCH_BASELINE/bin" "$bench/baseline/"
  cp -r "$BENCH_BASELINE/target/keyshell.jar" "$BENCH_BASELINE/target/lib" "$bench/baseline/target/"
  PATH=$bench/fake:$PATH "$bench/baseline/bin/keyshell" plugin run -- aws sts get-caller-identity \
    >/dev/null 2>&1 || true # makes its archive; the session is the same warm one
  cases+=("null_baseline||$off PATH=$bench/fake:\$PATH $bench/baseline/bin/keyshell plugin run -- aws sts get-caller-identity")
fi
times=$bench/times # lines: name seconds
: >"$times"

# run_case NAME PREPARE COMMAND N: appends N timings of COMMAND to $times.
run_case() {
  local name=$1 prepare=$2 command=$3 n=$4 i start end
  if command -v hyperfine >/dev/null 2>&1; then
    local args=(--runs "$n" --warmup 1 --style none --export-json "$bench/run.json")
    case $name in
      bash_*) args+=(-N) ;;
      *) args+=(--shell=bash) ;;
    esac
    [ -z "$prepare" ] || args+=(--prepare "$prepare")
    hyperfine "${args[@]}" -n "$name" "$command" >"$bench/run.log" 2>&1 ||
      { cat "$bench/run.log" >&2; exit 1; }
    python3 -c 'import json,sys; [print(sys.argv[1], t) for t in json.load(open(sys.argv[2]))["results"][0]["times"]]' \
      "$name" "$bench/run.json" >>"$times"
  else
    for i in $(seq $((n + 1))); do
      [ -z "$prepare" ] || bash -c "$prepare"
      start=$(date +%s%N)
      bash -c "$command" >/dev/null 2>&1 || { echo "bench: $name failed" >&2; exit 1; }
      end=$(date +%s%N)
      [ "$i" -eq 1 ] || echo "$name $(((end - start) / 1000))e-6" >>"$times"
    done
  fi
}

tool=$(command -v hyperfine >/dev/null && hyperfine --version || echo 'a shell loop')
echo "== measuring with $tool: $rounds interleaved rounds of $per_round runs a case"
for round in $(seq "$rounds"); do
  for c in "${cases[@]}"; do
    IFS='|' read -r name prepare command <<<"$c"
    run_case "$name" "$prepare" "$command" "$per_round"
  done
  echo "   round $round of $rounds done"
done
results=$bench/results # lines: name median_seconds
sort -k1,1 -k2,2g "$times" | awk '
  { if ($1 != n) { flush(); n = $1; c = 0 } t[++c] = $2 }
  function flush() { if (c) printf "%s %.6f\n", n, (c % 2 ? t[(c + 1) / 2] : (t[c / 2] + t[c / 2 + 1]) / 2) }
  END { flush() }' >"$results"

rss() { # peak resident set of a command, in MB
  /usr/bin/time -f '%M' -o "$bench/rss" bash -c "$1" >/dev/null 2>&1
  awk '{ printf "%.0f", $1 / 1024 }' "$bench/rss"
}

m() { awk -v n="$1" '$1 == n { printf "%.1f", $2 * 1000 }' "$results"; }
echo
echo "== results (medians of $((rounds * per_round)) runs, milliseconds)"
printf '%-52s %8s\n' \
  "exec of a static binary (/bin/true)" "$(m floor)" \
  "JVM start (java -Xshare:auto -version, same flags)" "$(m jvm)" \
  "keyshell warm path, null child (aws -> /bin/true)" "$(m null_child)" \
  "  the same without the run agent (KEYSHELL_AGENT=off)" "$(m null_jvm)" \
  "  no agent, without the CDS archive (KEYSHELL_CDS=off)" "$(m null_no_cds)" \
  "  no agent, with C2 and the full archive (KEYSHELL_JIT=full)" "$(m null_no_c1)" \
  "  no agent, on Java 25 with its AOT cache" "$(m null_jdk25)" \
  "  no agent, BENCH_BASELINE's checkout" "$(m null_baseline)" \
  "bare aws sts get-caller-identity, env credentials" "$(m bare)" \
  "aws function, warm cache" "$(m wrapped)" \
  "  the same without the run agent" "$(m wrapped_jvm)" \
  "aws function, cold (cache empty, vault unlocked)" "$(m cold)" \
  "aws with credential_process = keyshell export" "$(m cred_process)" \
  "bash -c 'aws ...', bare (a shell's start counted)" "$(m bash_bare)" \
  "bash -c 'source plugins.sh; aws ...', warm" "$(m bash_wrapped)" \
  "  the same without the run agent" "$(m bash_wrapped_jvm)" \
  "  the same in a new terminal (new session, warm cache)" "$(m bash_new_terminal)" \
  "bash -c 'aws ...', null child, bare" "$(m bash_null_bare)" \
  "bash -c 'source plugins.sh; aws ...', null child, warm" "$(m bash_null_wrapped)" \
  "one STS round trip (curl to the stand-in)" "$(m sts_rtt)"
echo
awk '{ v[$1] = $2 * 1000 } END {
  printf "warm:   wrapped/bare %.2fx, added %.1f ms (target <= 50); null child %.1f ms (target <= 60)\n", v["wrapped"] / v["bare"], v["wrapped"] - v["bare"], v["null_child"]
  printf "        without the run agent: wrapped/bare %.2fx, added %.1f ms; null child %.1f ms\n", v["wrapped_jvm"] / v["bare"], v["wrapped_jvm"] - v["bare"], v["null_jvm"]
  printf "cold:   cold/bare %.2fx, added %.1f ms, beyond one STS round trip %.1f ms (target <= 600)\n", v["cold"] / v["bare"], v["cold"] - v["bare"], v["cold"] - v["bare"] - v["sts_rtt"]
  printf "export: credential_process/bare %.2fx, added %.1f ms\n", v["cred_process"] / v["bare"], v["cred_process"] - v["bare"]
  printf "shell:  bash -c source+aws vs bash -c aws: added %.1f ms (without the agent %.1f ms); first call of a new terminal: added %.1f ms\n", v["bash_wrapped"] - v["bash_bare"], v["bash_wrapped_jvm"] - v["bash_bare"], v["bash_new_terminal"] - v["bash_bare"]
  printf "        with the null child: bash -c source+aws vs bash -c aws: added %.1f ms\n", v["bash_null_wrapped"] - v["bash_null_bare"]
}' "$results"

if [ -x /usr/bin/time ]; then
  echo
  echo "== peak RSS (MB, /usr/bin/time)"
  printf '%-52s %8s\n' \
    "keyshell warm path, null child, run agent" "$(rss "PATH=$bench/fake:\$PATH $keyshell plugin run -- aws sts get-caller-identity")" \
    "keyshell warm path, null child, the JVM" "$(rss "$off PATH=$bench/fake:\$PATH $keyshell plugin run -- aws sts get-caller-identity")" \
    "the run agent itself, resident (VmRSS)" "$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/${agent_pid:-0}/status" 2>/dev/null || echo -)" \
    "keyshell export --format json (warm)" "$(rss "$keyshell export --format json")" \
    "bare aws sts get-caller-identity" "$(rss "$bare_env command $call")"
else
  echo "(install the 'time' package for peak RSS)"
fi

echo
echo "== KDF in isolation (PBKDF2-HMAC-SHA256, 600,000 iterations, first run in a fresh JVM)"
java -XX:+UseSerialGC "$root/shell/KdfTiming.java"
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "$root/shell/KdfTiming.java" "(C1 only)"
echo
echo "== machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
  "$(java -version 2>&1 | sed -n 2p)"
