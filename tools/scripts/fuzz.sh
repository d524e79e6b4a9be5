#!/usr/bin/env bash
# `npm run fuzz -- --examples 200 [--seed 7]`: the API fuzzing `npm test` runs (apps/api-fuzz) with
# more examples per route; a new seed each run unless given. Reports: artifacts/api-fuzz/.
SCRIPT_NAME=fuzz
source "$(dirname "$0")/lib.sh"

examples=200
seed=$((RANDOM * 32768 + RANDOM))
while (($#)); do
  case $1 in
    --examples) examples=${2:-} && shift 2 ;;
    --seed) seed=${2:-} && shift 2 ;;
    *) fail "unknown option '$1' (use --examples N and --seed N)" ;;
  esac
done
[[ $examples =~ ^[1-9][0-9]*$ ]] || fail "--examples wants a whole number above 0"
[[ $seed =~ ^[0-9]+$ ]] || fail "--seed wants a whole number"

ensure_dependencies
if [[ ${TEST_STACK:-local} != testcontainers ]]; then
  step "starting the local stack (and installing Schemathesis when missing)"
  bash infra/stack.sh start || fail "the local stack did not start (see the message above)"
  load_stack_env
fi
step "fuzzing every service's API: $examples examples per route, seed $seed"
FUZZ_EXAMPLES=$examples FUZZ_SEED=$seed npx nx run api-fuzz:integration --outputStyle=static ||
  fail "fuzzing found failures (above); Schemathesis output and requests in artifacts/api-fuzz/<service>/<role>/; repeat with --seed $seed"
