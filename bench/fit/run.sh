#!/usr/bin/env bash
# Times the 4 500-start chinchilla Huber fit on Epoch's 240 points: nanolm (C#) against SciPy's L-BFGS-B, same grid and objective.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="$here/../../examples/fit-a-published-table/epoch-chinchilla/svg_extracted_data.csv"
export NANOLM_BUILD_SLOT="${NANOLM_BUILD_SLOT:-bench}"

dotnet build "$here/FitBench.csproj" -c Release -v quiet -nologo >/dev/null
dll="$(find "$here/bin.$NANOLM_BUILD_SLOT/Release" -name FitBench.dll | head -1)"
nanolm="$(dotnet "$dll" "$data" 5)"
scipy="$(/usr/bin/python3 "$here/scipy_fit.py" "$data")"

field() { sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$1"; }
printf '%-8s %10s %16s %8s %8s %8s\n' tool seconds objective E alpha beta
for line in "$nanolm" "$scipy"; do
  printf '%-8s %10s %16s %8s %8s %8s\n' "${line%% *}" "$(field "$line" seconds)" "$(field "$line" objective)" \
    "$(field "$line" E)" "$(field "$line" alpha)" "$(field "$line" beta)"
done
awk -v a="$(field "$scipy" seconds)" -v b="$(field "$nanolm" seconds)" 'BEGIN { printf "scipy / nanolm time ratio: %.1f (nanolm median of 5 runs, %d cores)\n", a / b, '"$(nproc)"' }'
echo "$nanolm"
