#!/usr/bin/env bash
# Recipe of the bundled default model (issue 7): the uav-small preset on synthetic drone sequences mixed with the real
# sequences of ../shared/data/sot-dev, holding back three of them (bag, Gull2, person11) for validation.
#   phase 1: from scratch, 7000 steps, curriculum over 4000 steps, FiLM from epoch 1 -> $RUN/model
#   phase 2: fine-tuning from phase 1 with the shared experts frozen and the contrastive loss, more weight on the real
#            sequences and new synthetic ones, 1500 steps at full difficulty -> $RUN-phase2/model
# Each phase is resumable: run this script again (it passes --resume once a checkpoint exists) until both are done,
# across as many sessions as needed. Then measure with scripts/evaluate-default-model.sh and copy the chosen model
# folder to models/uav-small.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN="${RUN:-../runs/default-uav-small}"
viltrack() { dotnet run --project src/VilTracker.Cli -c Release -- "$@"; }
resume() { if [ -f "$1/checkpoints/latest" ]; then echo --resume; fi; }
viltrack train \
  --phase 1 --preset uav-small \
  --data ../shared/data/sot-dev:generic@1 --synthetic 128@2 \
  --held-out bag,Gull2,person11 \
  --max-steps 7000 --steps-per-epoch 500 --curriculum-epochs 8 --batch-size 8 --lr 0.0004 \
  --checkpoint-every 250 --seed 7 --out "$RUN" $(resume "$RUN")
viltrack train \
  --phase 2 --init "$RUN/model" \
  --data ../shared/data/sot-dev:generic@2 --synthetic 128@1 \
  --held-out bag,Gull2,person11 \
  --max-steps 1500 --steps-per-epoch 500 --curriculum-epochs 0 --warmup-steps 50 --batch-size 8 --lr 0.0001 \
  --checkpoint-every 250 --seed 8 --out "$RUN-phase2" $(resume "$RUN-phase2")
