#!/usr/bin/env bash
# The check step of action.yml: `easyread check` once for annotations
# (--format github, shown on the changed lines of a pull request) and once for
# the SARIF report. It never fails itself: it writes exit-code and sarif to
# $GITHUB_OUTPUT, and the action's last step fails when exit-code is not 0.
#
# Inputs (environment): EASYREAD_PATHS (space-separated; empty: the settings'
# paths), EASYREAD_TARGET (empty: each file's own), EASYREAD_FAIL_ON.
set -u

args=()
if [ -n "${EASYREAD_PATHS:-}" ]; then
  read -r -a args <<<"$EASYREAD_PATHS"
fi
[ -n "${EASYREAD_TARGET:-}" ] && args+=(--target "$EASYREAD_TARGET")
args+=(--fail-on "${EASYREAD_FAIL_ON:-error}")

sarif="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/easyread.sarif"
easyread check "${args[@]}" --format github
code=$?
easyread check "${args[@]}" --format sarif >"$sarif" 2>/dev/null
[ -s "$sarif" ] || sarif=""

out="${GITHUB_OUTPUT:-/dev/null}"
echo "exit-code=$code" >>"$out"
echo "sarif=$sarif" >>"$out"
exit 0
