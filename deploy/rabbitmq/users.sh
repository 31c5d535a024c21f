#!/usr/bin/env bash
# The platform's RabbitMQ users and what each may touch in one virtual host, set with rabbitmqctl:
#   users.sh <vhost> [entity-prefix-regex]
# Passwords come from SCREENING_BROKER_PASSWORD, SCHEDULING_BROKER_PASSWORD and INTEGRATION_BROKER_PASSWORD;
# RABBITMQCTL overrides the command (e.g. "rabbitmqctl -n kap-apphost@localhost"). Idempotent: re-running it resets
# passwords and permissions. The optional prefix is the pattern of Messaging:EntityPrefix (test runs use one per host).
#
# Why: a service may write only to the exchanges of the contracts it owns (and its own endpoints), so it cannot
# speak for another service's events; the services additionally refuse a contract whose user_id is not its owner.
set -euo pipefail
vhost=${1:?usage: users.sh <vhost> [entity-prefix-regex]}
prefix=${2:-}
read -ra ctl <<< "${RABBITMQCTL:-rabbitmqctl}"

# Contracts each service publishes: must match shared/Platform.Contracts/ContractOwners.cs (the broker tests try every
# contract with every user, so a mismatch fails the build).
declare -A owns=(
  [screening]='PatientApprovedForTreatment|PatientApprovedForTreatmentV2|ScreeningDeclined'
  [scheduling]='PreparationCompleted|DosingStarted|DosingSessionCompleted|SessionCancelled|PatientNoShow|CourseClosed'
  [integration]='SafetyHoldPlaced|SafetyHoldReleased|CourseCompleted'
)
# Each service's receive endpoints (its consumers' kebab-case names): MassTransit declares and binds them at start.
declare -A endpoints=(
  [screening]='require-re-screening-on-safety-hold|record-re-screening-waiver-on-release|apply-safety-holds-on-approval'
  [scheduling]='open-course-on-approval|hold-dosing-on-safety-hold|lift-hold-on-release|close-course-on-completion'
  [integration]='open-outcome-record-on-approval|record-dosing-session-on-completion|record-dosing-start-on-start'
)
declare -A passwords=(
  [screening]=${SCREENING_BROKER_PASSWORD:?set SCREENING_BROKER_PASSWORD}
  [scheduling]=${SCHEDULING_BROKER_PASSWORD:?set SCHEDULING_BROKER_PASSWORD}
  [integration]=${INTEGRATION_BROKER_PASSWORD:?set INTEGRATION_BROKER_PASSWORD}
)

for user in screening scheduling integration; do
  own="(${endpoints[$user]})(_error|_skipped)?"
  # Faults of its own consumers are published too; nobody trusts a fault as a contract.
  faults='MassTransit:(Receive)?Fault.*'
  # Declaring every contract exchange (configure) and binding from it (read) is how a consumer subscribes; neither
  # lets it publish there.
  configure="^${prefix}(Platform\\.Contracts:.*|${faults}|${own})\$"
  write="^${prefix}(Platform\\.Contracts:(${owns[$user]})|${faults}|${own})\$"
  read="^${prefix}(Platform\\.Contracts:.*|${faults}|${own})\$"
  if ! "${ctl[@]}" -q add_user "$user" "${passwords[$user]}" >/dev/null 2>&1; then
    "${ctl[@]}" -q change_password "$user" "${passwords[$user]}" >/dev/null
  fi
  "${ctl[@]}" -q set_user_tags "$user" >/dev/null
  "${ctl[@]}" -q set_permissions -p "$vhost" "$user" "$configure" "$write" "$read" >/dev/null
done
