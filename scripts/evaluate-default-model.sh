#!/usr/bin/env bash
# Measures the bundled default model (models/uav-small) for its model card and the README (issue 7), pytracking
# protocol: the demo sequence (vil beside CSRT, as `viltrack demo` shows it) and the three sot-dev sequences held out
# of training (bag, Gull2, person11) with vil, CSRT, KCF and NanoTrack v2/v3. Reports land in $OUT.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT="${OUT:-out/default-model-eval}"
rm -rf "$OUT"
dotnet build src/VilTracker.Cli -c Release
viltrack() { dotnet run --project src/VilTracker.Cli -c Release --no-build -- "$@"; }
viltrack demo --out "$OUT/demo"
viltrack eval --dataset ../shared/data/sot-dev --format generic --sequences bag,Gull2,person11 \
  --trackers vil,csrt,kcf,nanotrack-v2,nanotrack-v3 --out "$OUT/held-out"
echo "reports: $OUT/demo/summary.md $OUT/held-out/summary.md"
