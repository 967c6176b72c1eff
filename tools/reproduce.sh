#!/usr/bin/env bash
# The main job (`make reproduce`): every method and ablation trained on the CelebA-HQ-like set and
# evaluated, BiL-GAN's frontalisation on the Multi-PIE-like set scored by the Light CNN, the
# simulated-rater study, and Tables 1-3 beside the paper's (with which orderings reproduce). Incremental: `train` skips
# finished runs and resumes unfinished ones, `evaluate` skips done work, a study that exists is kept,
# so a second call does no training and prints the same tables.
#
# Usage: tools/reproduce.sh   (environment: PROFILE=default SEEDS=0 or 0,1,2 DATA_ROOT=datasets/generated
#                              RESULTS=results BIN=.build/release REPORT_ARGS='--protocol …')
set -euo pipefail
PROFILE=${PROFILE:-default}
SEEDS=${SEEDS:-0}
DATA_ROOT=${DATA_ROOT:-datasets/generated}
RESULTS=${RESULTS:-results}
BIN=${BIN:-.build/release}
# The smoke profile trains IcGAN at 64² (a 64² model) and the other baselines at 32², so their MS-SSIM
# use different numbers of scales; its tables show the 32² protocol (IcGAN's MS-SSIM as –).
if [ "$PROFILE" = smoke ] && [ -z "${REPORT_ARGS+set}" ]; then
  REPORT_ARGS="--protocol ms_ssim=ms-ssim/2-scales-renormalised --protocol gt_ms_ssim=synthfaces-renderer/ms-ssim/2-scales-renormalised"
fi
read -r -a report_args <<< "${REPORT_ARGS:-}"
BASELINES=(stargan cyclegan icgan)
VARIANTS=(full single-phase progressive ordinary-regularization no-mutual-info mine cycle)

IFS=',' read -r -a seeds <<< "$SEEDS"
# Per seed: the baselines, the variants, BiL-GAN's frontalisation (Table 3), the study; once: the Light CNN
# row (raw probes, evaluator seed) and the tables.
total=$(( ${#seeds[@]} * (${#BASELINES[@]} + ${#VARIANTS[@]} + 2) + 2 ))
stage=0
started=$(date +%s)
# Stage times: this run's go to $RESULTS/reproduce-$PROFILE-stages.tsv (stage, seconds); the longest time
# ever seen per kind of stage (seed left out) to reproduce-$PROFILE-expected.tsv, which the ETA reads, so a
# fresh seed's stages are estimated from the ones that trained before and a no-op rerun never lowers them.
mkdir -p "$RESULTS"
stage_log="$RESULTS/reproduce-$PROFILE-stages.tsv"
expected="$RESULTS/reproduce-$PROFILE-expected.tsv"
: > "$stage_log"
touch "$expected"
stage_kinds=()
for seed in "${seeds[@]}"; do
  for method in "${BASELINES[@]}"; do stage_kinds+=("$method"); done
  for variant in "${VARIANTS[@]}"; do stage_kinds+=("bilgan:$variant"); done
  stage_kinds+=("frontalisation" "study")
done
stage_kinds+=("lightcnn" "tables")
current_kind=""; current_start=0
finish_stage() {
  [ -n "$current_kind" ] || return 0
  local took=$(( $(date +%s) - current_start ))
  printf '%s\t%s\t%s\n' "$current_kind" "$current_seed" "$took" >> "$stage_log"
  local before
  before=$(awk -F'\t' -v k="$current_kind" '$1 == k { print $2 }' "$expected")
  if [ -z "$before" ] || [ "$took" -gt "$before" ]; then
    { awk -F'\t' -v k="$current_kind" '$1 != k' "$expected"; printf '%s\t%s\n' "$current_kind" "$took"; } > "$expected.new"
    mv "$expected.new" "$expected"
  fi
}
# announce KIND SEED DESCRIPTION: ends the previous stage, starts this one, prints "stage k of n" and the ETA
# (expected times of this and the remaining stages; stages never seen count as the mean of those seen).
announce() {
  finish_stage
  current_kind=$1; current_seed=$2; shift 2
  current_start=$(date +%s)
  stage=$((stage + 1))
  local elapsed=$(( current_start - started ))
  local eta
  eta=$(printf '%s\n' "${stage_kinds[@]:$((stage - 1))}" | awk -F'\t' -v file="$expected" '
    BEGIN { while ((getline line < file) > 0) { split(line, f, "\t"); t[f[1]] = f[2]; sum += f[2]; n++ } }
    { if ($1 in t) { total += t[$1] } else if (n > 0) { total += sum / n } else { unknown = 1 } }
    END { if (unknown) print "unknown (first run)"; else if (total < 600) printf "~%d:%02d", total / 60, total % 60; else printf "~%d min", (total + 59) / 60 }')
  echo
  echo "== reproduce: stage $stage of $total: $* (profile $PROFILE, $((elapsed / 60)) min so far, ETA $eta)"
}

# Test hook (Tests/ReproduceTests): kill -9 this script at a named point, e.g. after train:bilgan:full.
kill_point() { if [ "${HARNESS_REPRODUCE_KILL_AT:-}" = "$1" ]; then echo "reproduce: kill -9 at $1 (test hook)"; kill -9 $$; fi; }

common=(--profile "$PROFILE" --results "$RESULTS")
run_folder() {   # newest run folder of method, variant, seed
  ls -td "$RESULTS/runs/$1-$2-celebahq-$PROFILE-seed$3-"* 2>/dev/null | head -1
}

for seed in "${seeds[@]}"; do
  for method in "${BASELINES[@]}"; do
    announce "$method" "$seed" "$method, seed $seed: train, then evaluate"
    "$BIN/train" --method "$method" --dataset celebahq --seed "$seed" --data-root "$DATA_ROOT" "${common[@]}"
    kill_point "train:$method:default"
    "$BIN/evaluate" --method "$method" --dataset celebahq --seed "$seed" --data-root "$DATA_ROOT" "${common[@]}"
  done
  for variant in "${VARIANTS[@]}"; do
    announce "bilgan:$variant" "$seed" "bilgan --variant $variant, seed $seed: train, then evaluate"
    "$BIN/train" --method bilgan --variant "$variant" --dataset celebahq --seed "$seed" --data-root "$DATA_ROOT" "${common[@]}"
    kill_point "train:bilgan:$variant"
    "$BIN/evaluate" --method bilgan --variant "$variant" --dataset celebahq --seed "$seed" --data-root "$DATA_ROOT" "${common[@]}"
  done

  # Table 3: BiL-GAN's Multi-PIE frontalisation (§4.3, paired pixel L1), scored by the Light CNN per yaw.
  announce frontalisation "$seed" "bilgan frontalisation (Multi-PIE), seed $seed: train, then rank-1 per yaw"
  "$BIN/train" --method bilgan --dataset multipie --seed "$seed" --data-root "$DATA_ROOT" "${common[@]}"
  kill_point "train:bilgan:multipie"
  "$BIN/evaluate" --method bilgan --variant full --dataset multipie --seed "$seed" --data-root "$DATA_ROOT" "${common[@]}"

  study="table1-$PROFILE-seed$seed"
  folder="$RESULTS/study/$study"
  announce study "$seed" "user study $study: blinded pairs, 20 simulated raters"
  if [ -f "$folder/.simulated" ]; then
    echo "study $study exists in $folder with its simulated raters; kept"
  else
    if [ ! -d "$folder" ]; then
      baselines=()
      for method in "${BASELINES[@]}"; do baselines+=(--baseline "$(run_folder "$method" default "$seed")/translations/manifest.json"); done
      "$BIN/study" pairs --database "$RESULTS/results.sqlite" --study "$study" --seed "$seed" --folder "$folder" \
        --subject "$(run_folder bilgan full "$seed")/translations/manifest.json" "${baselines[@]}"
    fi
    "$BIN/study" simulate --database "$RESULTS/results.sqlite" --study "$study" --raters 20 --seed "$seed"
    touch "$folder/.simulated"
  fi
done

announce lightcnn - "Light CNN row of Table 3: rank-1 of the raw (not frontalised) probes per yaw"
"$BIN/evaluate" --method lightcnn --dataset multipie --data-root "$DATA_ROOT" "${common[@]}"

announce tables - "Tables 1-3 (Markdown, CSV, LaTeX and orderings under $RESULTS/tables)"
report=("$BIN/report" table --database "$RESULTS/results.sqlite" --output-directory "$RESULTS/tables" --profile "$PROFILE")
"${report[@]}" table1 --study "table1-$PROFILE-seed${seeds[0]}" --raters simulated
"${report[@]}" table2 --dataset celebahq "${report_args[@]}"
"${report[@]}" table3 --dataset multipie
finish_stage
echo
echo "reproduce: finished in $(( ($(date +%s) - started) / 60 )) min; stage times in $stage_log"
