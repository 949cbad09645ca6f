#!/usr/bin/env bash
# Bounded libFuzzer session over the XLSX reader.
#
#   Fuzz/run.sh SECONDS            # all three targets, SECONDS split between them
#   Fuzz/run.sh SECONDS ReaderFuzz # one target (ReaderFuzz, SheetXMLFuzz or DocumentXMLFuzz)
#
# Builds Fuzz/ in release with -sanitize=fuzzer into .build-fuzz (override with
# FUZZ_SCRATCH), grows a working corpus under $FUZZ_SCRATCH/corpus/<target> from the seed
# workbooks, and exits non-zero when libFuzzer reports a crash, a timeout (> 5 s for one
# input) or memory over 512 MB. The failing input is kept in $FUZZ_SCRATCH/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_TOTAL=${1:?usage: Fuzz/run.sh SECONDS [ReaderFuzz|SheetXMLFuzz|DocumentXMLFuzz|ContentXMLFuzz]}
TARGETS=${2:-"ReaderFuzz SheetXMLFuzz DocumentXMLFuzz ContentXMLFuzz"}
SCRATCH=${FUZZ_SCRATCH:-$ROOT/.build-fuzz}

(cd Fuzz && swift build -c release --scratch-path "$SCRATCH" --sanitize=fuzzer -Xswiftc -parse-as-library \
    --product ReaderFuzz >&2 && \
 swift build -c release --scratch-path "$SCRATCH" --sanitize=fuzzer -Xswiftc -parse-as-library \
    --product SheetXMLFuzz >&2 && \
 swift build -c release --scratch-path "$SCRATCH" --sanitize=fuzzer -Xswiftc -parse-as-library \
    --product DocumentXMLFuzz >&2 && \
 swift build -c release --scratch-path "$SCRATCH" --sanitize=fuzzer -Xswiftc -parse-as-library \
    --product ContentXMLFuzz >&2)
BIN=$(cd Fuzz && swift build -c release --scratch-path "$SCRATCH" --show-bin-path)

set -- $TARGETS
PER_TARGET=$(( SECONDS_TOTAL / $# ))
(( PER_TARGET >= 1 )) || PER_TARGET=1
mkdir -p "$SCRATCH/artifacts"
status=0
for target in "$@"; do
    corpus="$SCRATCH/corpus/$target"
    mkdir -p "$corpus"
    case "$target" in
        ReaderFuzz)
            # The real workbooks (the folders' .json/.md/.txt files are harmless non-zip seeds).
            seeds=("$ROOT/Tests/Fixtures/reader" "$ROOT/Tests/Fixtures/docx" "$ROOT/Tests/Fixtures/formats" "$ROOT/Examples/appendices" "$ROOT/Examples/submissions")
            extra=(-max_len=65536)
            ;;
        SheetXMLFuzz)
            seeds=("$ROOT/Fuzz/seeds/sheetxml")
            extra=(-dict="$ROOT/Fuzz/xml.dict" -max_len=65536)
            ;;
        DocumentXMLFuzz)
            seeds=("$ROOT/Fuzz/seeds/documentxml")
            extra=(-dict="$ROOT/Fuzz/xml.dict" -max_len=65536)
            ;;
        ContentXMLFuzz)
            seeds=("$ROOT/Fuzz/seeds/contentxml")
            extra=(-dict="$ROOT/Fuzz/xml.dict" -max_len=65536)
            ;;
        *) echo "unknown target $target" >&2; exit 2 ;;
    esac
    existing=()
    for d in "${seeds[@]}"; do [[ -d $d ]] && existing+=("$d"); done
    echo "== $target: ${PER_TARGET}s" >&2
    log="$SCRATCH/artifacts/$target.log"
    if ! "$BIN/$target" "$corpus" "${existing[@]}" \
        -max_total_time="$PER_TARGET" -rss_limit_mb=512 -timeout=5 -print_final_stats=1 \
        -artifact_prefix="$SCRATCH/artifacts/$target-" "${extra[@]}" 2>"$log"; then
        status=1
        echo "!! $target found a failure; input kept in $SCRATCH/artifacts/:" >&2
        grep -E "ERROR|SUMMARY|Test unit written|artifact_prefix" "$log" >&2 || tail -40 "$log" >&2
    fi
    grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|stat::peak_rss_mb|stat::new_units_added" "$log" >&2 || true
done
exit $status
