# Shared by run.sh and campaign.sh (sourced; needs B and PARINDEX set).

# gen_set DIR FW_UNITS N [COUNT]: framework with FW_UNITS communes + the submissions (cached)
gen_set() {
  local D=$1 U=$2 N=$3 K=${4:-0}
  mkdir -p "$D"
  FW=$D/framework.yaml
  python3 "$B/gen/make_framework.py" "$U" "$FW.new"
  if ! cmp -s "$FW.new" "$FW"; then mv "$FW.new" "$FW"; else rm "$FW.new"; fi
  local stamp; stamp=$( (cat "$B/gen/make_submissions.py" "$FW"; echo "$N $K") | sha256sum | cut -c1-16)
  if [ "$(cat "$D/files.stamp" 2>/dev/null)" != "$stamp" ]; then
    echo "== generate $D" >&2
    rm -rf "$D/files"
    python3 "$B/gen/make_submissions.py" --parindex "$PARINDEX" --framework "$FW" --n "$N" --units "$U" \
      --count "$K" --out "$D/files"
    echo "$stamp" > "$D/files.stamp"
  fi
}
