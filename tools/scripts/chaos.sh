#!/usr/bin/env bash
# `npm run chaos`: the chaos test on a stack of its own at its long profile (about 8 minutes;
# CHAOS_PROFILE=short for the shorter one npm test runs): during a load of registrations and referrals it kills -9 the Kafka
# broker, the orchestrator, intake, employment matching and PostgreSQL, brings each back, and
# checks every effect happened exactly once.
SCRIPT_NAME=chaos
source "$(dirname "$0")/lib.sh"
ensure_dependencies
step "starting the local stack (the test's global setup uses it; the chaos runs on its own)"
bash infra/stack.sh start || fail "the local stack did not start (see the message above)"
load_stack_env
step "chaos test"
npx nx run operations-e2e:chaos --outputStyle=static || fail "the chaos test failed (report above; service logs in artifacts/e2e-logs)"
