#!/usr/bin/env bash
# Refers one fictional patient (or takes a screening already referred, e.g. by a FHIR ServiceRequest), records a
# complete eligible intake and signs the approval, through Screening's public API; prints the course id the approval
# opened (Scheduling and Integration open it from PatientApprovedForTreatment). The Scheduling, Integration and FHIR
# walkthroughs start from it; docs/screening-api.md walks the same steps one by one.
#   deploy/approved-course.sh [screening-url] [screening-id]   (default $SCREENING, else http://127.0.0.1:8081)
set -euo pipefail
base=${1:-${SCREENING:-http://127.0.0.1:8081}}
tokens=$(dirname "$0")/dev-token.py
intake="Authorization: Bearer $("$tokens" intake)"
prescriber="Authorization: Bearer $("$tokens" prescriber dr-lee)"
json="Content-Type: application/json"
run="$(date +%s%N)"
call() { curl --fail-with-body -sS "$@"; }

id=${2:-}
[ -n "$id" ] || id=$(call -X POST "$base/screenings" -H "Authorization: Bearer $("$tokens" system ehr)" -H "$json" \
  -H "Idempotency-Key: approved-course-$run" -d '{
    "externalReference": "DOC-'"$run"'", "referringClinician": "Dr Referrer",
    "indication": "TreatmentResistantDepression", "requestedRoute": "IvKetamine",
    "patient": { "fullName": "Jordan Example", "birthDate": "1982-04-05", "email": "jordan@example.org" } }' | jq -r .id)
put() { call -o /dev/null -X "$1" "$base/screenings/$id/$2" -H "$intake" -H "$json" -d "$3"; }
put PUT medical-history '{ "hypertension": false, "hypertensionControlled": false, "cardiovascularEvents": [],
  "aneurysmalVascularDisease": false, "arteriovenousMalformation": false, "intracerebralHaemorrhage": false,
  "hepaticImpairment": "None", "interstitialOrUlcerativeCystitis": false, "pregnant": false, "breastfeeding": false,
  "ketamineHypersensitivity": false }'
put PUT psychiatric-history '{ "psychosisSelf": false, "psychosisFirstDegreeRelative": false, "bipolarDisorder": false,
  "currentMania": false, "onMoodStabiliser": false, "substanceUseDisorder": false, "substances": [],
  "substanceLastUsedOn": null, "ketamineOrPcpMisuseLastOn": null }'
put PUT medications '{ "medications": [] }'
put PUT prior-treatments '{ "antidepressantTrials": [
    { "drug": "sertraline", "adequateDose": true, "weeks": 8, "improvementPercent": 10 },
    { "drug": "venlafaxine", "adequateDose": true, "weeks": 6, "improvementPercent": 20 } ],
  "psychotherapy": [ { "modality": "CBT", "sessions": 16 } ] }'
put POST vitals '{ "systolic": 122, "diastolic": 78, "heartRate": 70, "weightKg": 72.5, "takenAt": "'"$(date -u -d '-10 min' +%FT%TZ)"'" }'
put POST instruments '{ "instrument": "C-SSRS", "items": [0, 0, 0, 0, 0, 0] }'
put POST instruments '{ "instrument": "PHQ-9", "items": [2, 2, 2, 2, 2, 2, 2, 1, 0] }'
call -X POST "$base/screenings/$id/approval" -H "$prescriber" -H "$json" -H "Idempotency-Key: approved-course-$run" -d '{}' \
  | jq -r .courseId
