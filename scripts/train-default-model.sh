#!/usr/bin/env bash
# Recipe of the bundled default model (issue 7): the uav-small preset, phase 1, on synthetic drone sequences mixed with
# the real sequences of ../shared/data/sot-dev, holding back three of them (bag, Gull2, person11) for validation.
# The run is resumable: run this script again (it passes --resume once a checkpoint exists) until it has reached
# MAX_STEPS, across as many sessions as needed. The exported model lands in $RUN/model.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${RUN:-../runs/default-uav-small}"
MAX_STEPS="${MAX_STEPS:-7000}"
resume=()
if [ -f "$RUN/checkpoints/latest" ]; then resume=(--resume); fi
dotnet run --project src/VilTracker.Cli -c Release -- train \
  --phase 1 --preset uav-small \
  --data ../shared/data/sot-dev:generic@1 --synthetic 128@2 \
  --held-out bag,Gull2,person11 \
  --max-steps "$MAX_STEPS" --steps-per-epoch 500 --curriculum-epochs 8 --batch-size 8 --lr 0.0004 \
  --checkpoint-every 250 --seed 7 --out "$RUN" "${resume[@]}"
