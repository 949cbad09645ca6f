#!/usr/bin/env bash
# Campaign store benchmark: adding N returns to a campaign (`parindex campaign add`), then
# consolidating from the store (`campaign consolidate`, no workbook opened), against the
# file-based `validate` and `consolidate` on the same files. Writes the section between
# the `campaign-store` markers of Benchmarks/analysis.md, which run.sh copies into RESULTS.md
# (RESULTS_OUT=FILE elsewhere).
#
#   Benchmarks/campaign.sh [--no-build] [--sizes "100 1000"]
#
# Data: the benchmark sets of run.sh (gen/make_framework.py, gen/make_submissions.py),
# cached in Benchmarks/.data/: "peers" (N communes, one return each) and "fixed100"
# (100 communes, return i from commune ((i-1) mod 100)+1: ten versions per commune).
# Needs what run.sh needs (python3 with openpyxl, xlsxwriter, pyyaml; GNU time).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
B=$ROOT/Benchmarks
DATA=$B/.data
mkdir -p "$DATA"
SIZES="100 1000"
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --sizes) SIZES="$2"; shift ;;
    *) echo "campaign.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
PARINDEX=$ROOT/.build-bench/release/parindex
if [ $BUILD = 1 ]; then swift build -c release --scratch-path .build-bench --product parindex >&2; fi
OUT=${RESULTS_OUT:-$B/analysis.md}
export PARINDEX_CACHE_DIR=$DATA/cache  # never the user's cache
TSV=$DATA/campaign-$(date +%Y%m%d-%H%M%S).tsv
: > "$TSV"

# measure NAME N -- cmd…: one run under GNU time; a row: name n wall user sys rss_kb load exit
measure() {
  local name=$1 n=$2; shift 3
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  local rc=0
  /usr/bin/time -f '%e %U %S %M' -o "$DATA/ctime.out" "$@" > "$DATA/clast.out" 2> "$DATA/clast.err" || rc=$?
  local t; t=$(tail -1 "$DATA/ctime.out")
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$n" "$(echo $t | tr ' ' '\t')" "$load" "$rc" >> "$TSV"
  echo "   $name N=$n: $t (load $load, rc $rc)" >&2
}

# gen_set DIR UNITS N (framework + submissions, cached): shared with run.sh
source "$B/lib.sh"

run() {  # SET N
  local set=$1 N=$2 C=$D/campaign
  rm -rf "$C"
  # The file-based commands read every workbook (--no-cache: the result cache would
  # otherwise serve the second command from the first one's reading).
  measure "$set.validate" "$N" -- "$PARINDEX" validate --no-cache --framework "$FW" "$D/files"
  measure "$set.consolidate" "$N" -- "$PARINDEX" consolidate --no-cache --framework "$FW" "$D/files" -o "$D/from-files.xlsx"
  measure "$set.campaign-new" "$N" -- "$PARINDEX" campaign new "$C" --framework "$FW"
  # --no-cache: every workbook read (the cache may hold entries of run.sh's validate).
  measure "$set.campaign-add" "$N" -- "$PARINDEX" campaign add "$C" "$D/files" --no-cache
  measure "$set.campaign-consolidate" "$N" -- "$PARINDEX" campaign consolidate "$C" -o "$D/from-store.xlsx"
  measure "$set.campaign-status" "$N" -- "$PARINDEX" campaign status "$C" --json
  # A clerk's usual order: `validate` the folder (filling the result cache), then add it;
  # intake takes what validate read from the cache (same key rules) instead of reading again.
  local K=$DATA/cache-campaign C2=$D/campaign-cached
  rm -rf "$K" "$C2"
  PARINDEX_CACHE_DIR=$K "$PARINDEX" validate --framework "$FW" "$D/files" > /dev/null || true
  "$PARINDEX" campaign new "$C2" --framework "$FW" > /dev/null
  PARINDEX_CACHE_DIR=$K measure "$set.campaign-add-cached" "$N" -- "$PARINDEX" campaign add "$C2" "$D/files"
  rm -rf "$K" "$C2"
  local files_kb db_kb blobs
  files_kb=$(du -sk --apparent-size "$D/files" | cut -f1)
  db_kb=$(( $(stat -c %s "$C/campaign.sqlite") / 1024 ))
  printf 'size.%s\t%s\t%s\t%s\n' "$set" "$N" "$files_kb" "$db_kb" >> "$TSV"
}

for N in $SIZES; do
  echo "== N=$N" >&2
  D=$DATA/peers-$N; gen_set "$D" "$N" "$N"; run peers "$N"
  D=$DATA/fixed100-$N; gen_set "$D" 100 "$N"; run fixed "$N"
done
python3 "$B/gen/campaign_report.py" "$TSV" "$OUT"
echo "wrote $OUT (raw figures: $TSV)" >&2
