#!/usr/bin/env bash
# The commands that train nothing, timed as a user runs them: a new process from start to exit, best of three.
# Usage: bench/store/commands.sh TOOL_DLL [CLONE]
#   TOOL_DLL  dotnet-nanolm.dll to time (a Release build's, or its ReadyToRun publish folder's)
#   CLONE     a clone whose examples/tiny-ladder has been trained (default: the current folder)
set -euo pipefail
tool=$(realpath "$1")
cd "${2:-.}"
spec=examples/tiny-ladder/nanolm.yaml

best() {
    local best_ms=999999 start end ms
    for _ in 1 2 3; do
        start=$(date +%s%N)
        dotnet "$tool" "$@" > /dev/null 2>&1 || { echo "dotnet nanolm $* failed" >&2; exit 1; }
        end=$(date +%s%N)
        ms=$(( (end - start) / 1000000 ))
        (( ms < best_ms )) && best_ms=$ms
    done
    echo "$best_ms"
}

printf '%-40s %6s ms\n' "--version (start-up alone)" "$(best --version)"
printf '%-40s %6s ms\n' "runs list (tiny-ladder's runs)" "$(best runs list -c "$spec")"
printf '%-40s %6s ms\n' "fit (mu-scaling table, power law)" "$(best fit examples/fit-a-published-table/mu-scaling/train_loss_20k.csv --law power)"
printf '%-40s %6s ms\n' "predict (tiny-ladder)" "$(best predict -c "$spec")"
printf '%-40s %6s ms\n' "report (tiny-ladder)" "$(best report -c "$spec")"
