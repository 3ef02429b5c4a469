#!/usr/bin/env bash
# Wall time of one experiment trained by a local `train` and by Slurm (emit, submit.sh, wait, store merge), in fresh
# copies of the spec, and their ratio. Needs a running Slurm whose sbatch/squeue this shell reaches (SLURM_CONF); the
# test fixture's one-node configuration is in tests/NanoLM.Cli.Tests/Train/LocalSlurm.cs.
# Usage: bench/scale-out/run.sh SPEC WORK_DIR   (NANOLM is the command to run, default `dotnet nanolm`)
set -euo pipefail
spec=$(realpath "$1"); work=$2
nanolm=${NANOLM:-dotnet nanolm}
rm -rf "$work/local" "$work/slurm"; mkdir -p "$work/local" "$work/slurm" "$work/bin"
cp "$spec" "$work/local/nanolm.yaml"; cp "$spec" "$work/slurm/nanolm.yaml"
# The tasks call `dotnet nanolm`; a dotnet-nanolm on PATH makes that this same build.
printf '#!/usr/bin/env bash\nexec %s "$@"\n' "$nanolm" > "$work/bin/dotnet-nanolm"; chmod +x "$work/bin/dotnet-nanolm"
export PATH="$work/bin:$PATH"

start=$(date +%s.%N)
(cd "$work/local" && $nanolm train > train.log 2>&1)
local_s=$(awk -v a="$(date +%s.%N)" -v b="$start" "BEGIN { print a - b }")

start=$(date +%s.%N)
(cd "$work/slurm" && $nanolm train --emit slurm > emit.log 2>&1 && bash slurm/submit.sh > submit.log)
while [ -n "$(squeue -h)" ]; do sleep 0.5; done
(cd "$work/slurm" && $nanolm store merge > merge.log 2>&1)
slurm_s=$(awk -v a="$(date +%s.%N)" -v b="$start" "BEGIN { print a - b }")

same=$(diff <(cd "$work/local" && $nanolm runs list --json | jq -S '[.[] | {id, final_val_loss}] | sort_by(.id)') \
            <(cd "$work/slurm" && $nanolm runs list --json | jq -S '[.[] | {id, final_val_loss}] | sort_by(.id)') > /dev/null && echo yes || echo NO)
printf 'local train: %.1f s\nslurm (emit, submit.sh, wait, merge): %.1f s\nslurm / local: %.2f\nsame runs and losses: %s\n' \
  "$local_s" "$slurm_s" "$(awk -v a="$slurm_s" -v b="$local_s" "BEGIN { print a / b }")" "$same"
