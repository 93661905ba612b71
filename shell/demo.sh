#!/usr/bin/env bash
# keyshell end to end on its embedded default, in a throwaway HOME: the local encrypted vault,
# a local STS stand-in (WireMock), and the real `aws` when it is installed.
#
#   shell/demo.sh          build if needed, then run the whole flow
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd -P)
keyshell=$root/bin/keyshell

if [ ! -f "$root/target/keyshell.jar" ] || [ ! -f "$root/target/tools/wiremock-standalone.jar" ]; then
  echo "== building keyshell (once)"
  (cd "$root" && ./mvnw -B -ntp -q -DskipTests package)
fi

demo=$(mktemp -d "${TMPDIR:-/tmp}/keyshell-demo.XXXXXX")
sts_pid=
cleanup() {
  [ -z "$sts_pid" ] || kill "$sts_pid" 2>/dev/null || true
  "$keyshell" lock >/dev/null 2>&1 || true
  rm -rf "$demo"
}
trap cleanup EXIT

# A fresh user: nothing of yours is read or written.
export HOME=$demo/home
unset XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME KEYSHELL_CONFIG_DIR KEYSHELL_SESSION \
  AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN AWS_PROFILE AWS_DEFAULT_PROFILE \
  AWS_CONFIG_FILE AWS_SHARED_CREDENTIALS_FILE
export XDG_RUNTIME_DIR=$demo/run
mkdir -p "$HOME/.aws" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export AWS_PAGER= AWS_EC2_METADATA_DISABLED=true

# AWS's documented example key, and an MFA device whose TOTP secret is the RFC test secret.
cat > "$HOME/.aws/credentials" <<'CREDS'
# my work account
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
CREDS
cat > "$HOME/.aws/config" <<'CONFIG'
[default]
region = eu-west-1
mfa_serial = arn:aws:iam::111122223333:mfa/demo

[profile dev-admin]
role_arn = arn:aws:iam::444455556666:role/admin
source_profile = default
CONFIG

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18555)
java -jar "$root/target/tools/wiremock-standalone.jar" --port "$port" --bind-address 127.0.0.1 \
  --root-dir "$root/shell/sts-standin" --global-response-templating --disable-banner \
  >"$demo/sts.log" 2>&1 &
sts_pid=$!
export AWS_ENDPOINT_URL_STS=http://127.0.0.1:$port
for _ in $(seq 100); do
  curl -fs -o /dev/null "$AWS_ENDPOINT_URL_STS/__admin/health" 2>/dev/null && break
  sleep 0.1
done
echo "== local STS stand-in on $AWS_ENDPOINT_URL_STS"

# Unattended unlock for the demo; at a terminal keyshell asks for the passphrase instead.
export KEYSHELL_VAULT_PASSPHRASE=correct-horse-battery-staple

echo "== keyshell plugin init aws (scripted)"
printf '%s' 'otpauth://totp/AWS:demo?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=AWS' |
  "$keyshell" plugin init aws --store local --import-profile default \
    --mfa-serial arn:aws:iam::111122223333:mfa/demo --otp-stdin \
    --scope global --remove-plaintext --yes

echo "== ~/.aws/credentials now"
cat "$HOME/.aws/credentials"

echo "== source plugins.sh"
# shellcheck disable=SC1091
source "$HOME/.config/keyshell/plugins.sh"
type aws | head -3

if command -v aws >/dev/null 2>&1 || [ -x /usr/bin/aws ]; then
  echo "== aws sts get-caller-identity      (mints: GetSessionToken with MFA)"
  aws sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL_STS"
  echo "== aws sts get-caller-identity      (again: from the encrypted cache)"
  aws sts get-caller-identity --endpoint-url "$AWS_ENDPOINT_URL_STS"
  echo "== aws sts get-caller-identity --profile dev-admin   (AssumeRole through ~/.aws/config)"
  aws sts get-caller-identity --profile dev-admin --endpoint-url "$AWS_ENDPOINT_URL_STS"
else
  echo "== aws is not installed; showing what it would get instead"
  "$keyshell" exec -- printenv AWS_ACCESS_KEY_ID AWS_CREDENTIAL_EXPIRATION AWS_REGION
fi

count() {
  curl -fs -X POST "$AWS_ENDPOINT_URL_STS/__admin/requests/count" \
    -d "{\"method\":\"POST\",\"bodyPatterns\":[{\"contains\":\"Action=$1\"}]}" |
    tr -dc '0-9'
}
echo "== STS calls the stand-in saw: GetSessionToken $(count GetSessionToken)," \
  "AssumeRole $(count AssumeRole), GetCallerIdentity $(count GetCallerIdentity)"
echo "== keyshell plugin inspect"
"$keyshell" plugin inspect
echo "== done: everything above happened in $demo, which is now removed"
