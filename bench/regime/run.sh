#!/usr/bin/env bash
# Trains each named spec of bench/regime/specs stage by stage and, after each stage, rewrites that spec's rows of
# results.csv from its store, so an interrupted study loses at most the run in progress (a rerun resumes from the store).
# Usage: bench/regime/run.sh WORK_DIR SPEC[:STAGE,STAGE] ...   (stages default to search,ladder,targets;
# NANOLM is the command to run, default `dotnet nanolm`)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$1; shift
nanolm=${NANOLM:-dotnet nanolm}
results=$here/results.csv
[ -f "$results" ] || echo "spec,stage,width,seed,lr,steps,params,tokens,wall_s,final_val_loss" > "$results"
for entry in "$@"; do
  name=${entry%%:*}
  stages=search,ladder,targets
  [[ $entry == *:* ]] && stages=${entry#*:}
  mkdir -p "$work/$name"
  cp "$here/specs/$name.yaml" "$work/$name/nanolm.yaml"
  for stage in ${stages//,/ }; do
    (cd "$work/$name" && $nanolm train -c nanolm.yaml --stage "$stage")
    rows=$( (cd "$work/$name" && $nanolm runs list --json) | jq -r --arg spec "$name" \
      '.[] | select(.status == "finished") | [$spec, .stage, .width, .seed, .settings.optimizer.lr, .final_step, .params, .tokens, .wall_s, .final_val_loss] | @csv' | tr -d '"')
    # Written beside the repository, not in it, so a commit made meanwhile never picks up a half-written copy.
    tmp=$(mktemp)
    { grep -v "^$name," "$results" || true; [ -n "$rows" ] && echo "$rows"; } > "$tmp" && mv "$tmp" "$results"
  done
done
