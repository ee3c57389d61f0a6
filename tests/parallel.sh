#!/bin/sh
# parallel.sh POLICY SOURCE_ROOT - the GNU parallel examples of docs/batch.md
# over corpus/: one line per input, in input order, each what policy gives
# for that input on its own.
policy=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") src=$2
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { if [ "$1" = 0 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $2" >&2; fi; }
mkdir "$tmp/bin" && ln -s "$policy" "$tmp/bin/policy" && PATH=$tmp/bin:$PATH
cd "$src" || exit 1
ls corpus/*.txt corpus/extra/*.txt | sort > "$tmp/inputs"
n=$(wc -l < "$tmp/inputs")
policy --jsonl $(cat "$tmp/inputs") > "$tmp/direct.jsonl"

# over the files themselves
find corpus -name '*.txt' | sort | parallel -X --keep-order --will-cite policy --jsonl > "$tmp/all.jsonl"
ok $? "parallel over the files exits 0"
cmp -s "$tmp/all.jsonl" "$tmp/direct.jsonl"; ok $? "parallel over the files: the same lines in the same order"

# over records, in blocks
python3 -c 'import json, sys
for f in sys.argv[1:]:
    print(json.dumps({"id": f, "text": open(f, encoding="utf-8").read()}, ensure_ascii=False))' \
    $(cat "$tmp/inputs") > "$tmp/records.jsonl"
parallel --pipe --keep-order -N 5 -j 2 --will-cite policy --stdin-jsonl < "$tmp/records.jsonl" > "$tmp/results.jsonl"
ok $? "parallel over records exits 0"
[ "$(wc -l < "$tmp/results.jsonl")" = "$n" ]; ok $? "one result line per record"
python3 - "$tmp/results.jsonl" "$tmp/direct.jsonl" "$tmp/inputs" <<'PY'
import json, sys
results = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
direct = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
inputs = [l.strip() for l in open(sys.argv[3])]
assert [r["id"] for r in results] == inputs, "ids out of order"
for r, d in zip(results, direct):
    d["source"] = "-"  # a record has no file name
    assert r["result"] == d, r["id"]
PY
ok $? "records: ids in order, each result as policy gives it"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
