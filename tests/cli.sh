#!/bin/sh
# cli.sh POLICY SRCDIR - the policy tool: a golden run, stdin, -o, and its
# error and usage paths with their exit statuses.
policy=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") src=$2
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { if [ "$1" = 0 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $2" >&2; fi; }

cd "$src/corpus" || exit 1
"$policy" --format json 001_48860dd10d25b922.txt > "$tmp/out.json"; ok $? "json exit"
cmp -s "$tmp/out.json" expected/001_48860dd10d25b922.json; ok $? "json matches expected"
"$policy" --format xml -o "$tmp/out.xml" 003_2ae5570014063d62.txt; ok $? "xml -o exit"
cmp -s "$tmp/out.xml" expected/003_2ae5570014063d62.xml; ok $? "xml matches expected"
"$policy" < 000_3564e3d98f4e0451.txt > "$tmp/stdin.json"; ok $? "stdin exit"
grep -q '"source": "-"' "$tmp/stdin.json"; ok $? "stdin source is -"
printf '' > "$tmp/empty.txt"
"$policy" "$tmp/empty.txt" > /dev/null 2> "$tmp/err"; [ $? = 1 ]; ok $? "empty input exits 1"
grep -q "empty.txt:1:1: empty input" "$tmp/err"; ok $? "empty input message"
printf 'ab\ncd\000' > "$tmp/nul.txt"
"$policy" "$tmp/nul.txt" > /dev/null 2> "$tmp/err"; [ $? = 1 ]; ok $? "NUL exits 1"
grep -q "nul.txt:2:3: NUL byte: binary data, not text at byte 5" "$tmp/err"; ok $? "NUL message"
"$policy" "$tmp/nul.txt" 004_1f264a32601b23cd.txt > "$tmp/two.json" 2>/dev/null; [ $? = 1 ]; ok $? "bad + good exits 1"
grep -q '"source": "004_1f264a32601b23cd.txt"' "$tmp/two.json"; ok $? "the good file still converted"
mkdir "$tmp/dir"
"$policy" -o "$tmp/dir" 000_3564e3d98f4e0451.txt extra/x01.txt; ok $? "-o DIR exit"
cmp -s "$tmp/dir/000_3564e3d98f4e0451.json" expected/000_3564e3d98f4e0451.json; ok $? "-o DIR first file"
cmp -s "$tmp/dir/x01.json" expected/x01.json; ok $? "-o DIR second file"
cp 004_1f264a32601b23cd.txt "$tmp/in.txt"
"$policy" -o "$tmp/in.txt" "$tmp/in.txt" 2>/dev/null; [ $? = 2 ]; ok $? "-o over an input exits 2"
cmp -s "$tmp/in.txt" 004_1f264a32601b23cd.txt; ok $? "the input is untouched"
"$policy" -o "$tmp/one.json" "$tmp/nul.txt" 000_3564e3d98f4e0451.txt 2>/dev/null; [ $? = 1 ]; ok $? "-o FILE with a bad input exits 1"
grep -q '"source": "000_3564e3d98f4e0451.txt"' "$tmp/one.json"; ok $? "-o FILE keeps the good input's output"
[ -z "$(ls "$tmp" | grep '\.tmp')" ] && [ -z "$(ls "$tmp/dir" | grep '\.tmp')" ]; ok $? "no temporary file is left"
# SIGINT while the output is pending: standard input is a FIFO held open, so
# the run is certain to be in progress when the signal comes
mkdir "$tmp/sig" && mkfifo "$tmp/fifo"
"$policy" -o "$tmp/sig/out.json" < "$tmp/fifo" 2>/dev/null &
pid=$!
exec 3> "$tmp/fifo"
printf '一、目标\n' >&3
i=0
while [ -z "$(ls "$tmp/sig")" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
kill -INT $pid
wait $pid; [ $? = 130 ]; ok $? "SIGINT ends the run with status 130"
exec 3>&-
[ -z "$(ls "$tmp/sig")" ]; ok $? "SIGINT leaves no file behind"
"$policy" --max-line 8 "$src/corpus/004_1f264a32601b23cd.txt" > /dev/null 2> "$tmp/err"; [ $? = 1 ]; ok $? "--max-line exits 1"
grep -q "004_1f264a32601b23cd.txt:3:9: line 3 is longer than the limit of 8 bytes" "$tmp/err"; ok $? "--max-line message"
"$policy" --max-line 0 x.txt 2>/dev/null; [ $? = 2 ]; ok $? "a zero limit is a usage error"
"$policy" --no-jit 004_1f264a32601b23cd.txt | cmp -s - expected/004_1f264a32601b23cd.json; ok $? "--no-jit gives the same output"
# batches: -j, --jsonl, --stdin-jsonl
"$policy" 000_3564e3d98f4e0451.txt 001_48860dd10d25b922.txt extra/x01.txt > "$tmp/j1.json"
"$policy" -j 3 000_3564e3d98f4e0451.txt 001_48860dd10d25b922.txt extra/x01.txt > "$tmp/j3.json"; ok $? "-j 3 exit"
cmp -s "$tmp/j1.json" "$tmp/j3.json"; ok $? "-j 3 writes what -j 1 does, in input order"
mkdir "$tmp/jdir"
"$policy" -j 2 -o "$tmp/jdir" 000_3564e3d98f4e0451.txt extra/x01.txt "$tmp/nul.txt" 2>/dev/null; [ $? = 1 ]; ok $? "-j 2 -o DIR with a bad input exits 1"
cmp -s "$tmp/jdir/x01.json" expected/x01.json; ok $? "-j 2 -o DIR writes each file"
[ "$(ls "$tmp/jdir" | wc -l)" = 2 ]; ok $? "-j 2 -o DIR writes nothing for the bad input"
"$policy" --jsonl -j 2 000_3564e3d98f4e0451.txt "$tmp/nul.txt" extra/x01.txt > "$tmp/out.jsonl" 2>/dev/null; [ $? = 1 ]; ok $? "--jsonl with a bad input exits 1"
[ "$(wc -l < "$tmp/out.jsonl")" = 3 ]; ok $? "--jsonl: one line per input"
sed -n 1p "$tmp/out.jsonl" | cmp -s - "$tmp/line1" 2>/dev/null
"$policy" --compact 000_3564e3d98f4e0451.txt | tr -d '\n' > "$tmp/compact"
sed -n 1p "$tmp/out.jsonl" | tr -d '\n' | cmp -s - "$tmp/compact"; ok $? "--jsonl line 1 is the compact result"
sed -n 2p "$tmp/out.jsonl" | grep -q '^{"source":"[^"]*nul.txt","error":{"message":"NUL byte: binary data, not text at byte 5 (line 2, column 3)","status":"not text in a supported encoding","byte_offset":5,"line":2,"column":3}}$'; ok $? "--jsonl line 2 is the error"
printf '%s\n' '{"id": 7, "text": "一、目标\n到2025年，产值达到5万亿元。"}' '{"text": ""}' 'nonsense' '{"id": "s", "extra": [1, {"a": null}], "text": "\u4e00\u3001\u76ee\u6807"}' > "$tmp/in.jsonl"
"$policy" --stdin-jsonl --no-spans --no-text < "$tmp/in.jsonl" > "$tmp/rec.jsonl" 2> "$tmp/err"; [ $? = 1 ]; ok $? "--stdin-jsonl with bad records exits 1"
[ "$(wc -l < "$tmp/rec.jsonl")" = 4 ]; ok $? "--stdin-jsonl: one line per record"
sed -n 1p "$tmp/rec.jsonl" | grep -q '^{"id":7,"result":{"source":"-","encoding":"UTF-8".*"indicator":"产值","comparator":"eq","value":5,.*"unit":"万亿元"'; ok $? "--stdin-jsonl: a record's id and result"
sed -n 2p "$tmp/rec.jsonl" | grep -q '^{"id":null,"error":{"message":"empty input","status":"input holds no text","byte_offset":0,"line":1,"column":1}}$'; ok $? "--stdin-jsonl: an empty text"
sed -n 3p "$tmp/rec.jsonl" | grep -q '^{"id":null,"error":{"message":"not a record: expected an object at column 1"}}$'; ok $? "--stdin-jsonl: a line that is no record"
sed -n 4p "$tmp/rec.jsonl" | grep -q '^{"id":"s","result":.*"title":"目标"'; ok $? "--stdin-jsonl: escapes decoded, other members skipped"
grep -q "^policy: record 3: not a record: expected an object at column 1$" "$tmp/err"; ok $? "--stdin-jsonl: the bad line named on stderr"
# a record's line comes out while the input is still open: mappers stream
mkfifo "$tmp/recfifo" "$tmp/outfifo"
"$policy" --stdin-jsonl < "$tmp/recfifo" > "$tmp/outfifo" &
pid=$!
exec 4> "$tmp/recfifo"
exec 5< "$tmp/outfifo"
printf '%s\n' '{"id": 1, "text": "一、目标"}' >&4
read -r first <&5
case "$first" in '{"id":1,"result":'*) true ;; *) false ;; esac; ok $? "--stdin-jsonl flushes each record"
exec 4>&- 5<&-
wait $pid; ok $? "--stdin-jsonl ends at the end of its input"
# and with -j 2, where a worker waits for the next line while another has a
# result: a caller that waits for each answer before it sends more gets it
# (a record long enough that the waiting worker is surely in its read)
mkfifo "$tmp/recfifo2" "$tmp/outfifo2"
"$policy" -j 2 --stdin-jsonl < "$tmp/recfifo2" > "$tmp/outfifo2" &
pid=$!
exec 4> "$tmp/recfifo2"
exec 5< "$tmp/outfifo2"
awk 'BEGIN { printf "{\"id\": 1, \"text\": \"";
             for (i = 0; i < 3000; i++) printf "一、推进制造业数字化转型，产值达到5万亿元。\\n";
             print "\"}" }' >&4
first=$(timeout 30 head -n 1 <&5)
case "$first" in '{"id":1,"result":'*) true ;; *) false ;; esac; ok $? "--stdin-jsonl -j 2 answers a record before the next comes"
printf '%s\n' '{"id": 2, "text": "二、任务"}' >&4
second=$(timeout 30 head -n 1 <&5)
case "$second" in '{"id":2,"result":'*) true ;; *) false ;; esac; ok $? "--stdin-jsonl -j 2 answers the next"
exec 4>&- 5<&-
wait $pid; ok $? "--stdin-jsonl -j 2 ends at the end of its input"
"$policy" --jsonl --format xml x.txt 2>/dev/null; [ $? = 2 ]; ok $? "--jsonl with xml is a usage error"
"$policy" --stdin-jsonl x.txt 2>/dev/null; [ $? = 2 ]; ok $? "--stdin-jsonl with files is a usage error"
"$policy" -j 0 x.txt 2>/dev/null; [ $? = 2 ]; ok $? "-j 0 is a usage error"
# the progress line, on a terminal only (where script(1) can open a pseudo-terminal)
if command -v script > /dev/null && script -qec true /dev/null > /dev/null 2>&1 < /dev/null &&
   script -qec 'test -t 2' /dev/null > /dev/null 2>&1 < /dev/null; then
  script -qec "'$policy' -j 2 -o '$tmp/pdir/' 000_3564e3d98f4e0451.txt extra/x01.txt > /dev/null" /dev/null > "$tmp/tty" 2>&1 < /dev/null
  grep -q "policy: 2/2 done, [0-9.]* MB/s, 0 errors" "$tmp/tty"; ok $? "a progress line on a terminal"
else
  echo "skipped: a progress line on a terminal (no pseudo-terminal here)" >&2
fi
"$policy" -j 2 -o "$tmp/pdir2/" 000_3564e3d98f4e0451.txt extra/x01.txt 2> "$tmp/err"; [ ! -s "$tmp/err" ]; ok $? "no progress line when stderr is no terminal"
"$policy" --format yaml x.txt 2>/dev/null; [ $? = 2 ]; ok $? "unknown format exits 2"
"$policy" --bogus 2>/dev/null; [ $? = 2 ]; ok $? "unknown option exits 2"
"$policy" --version | grep -q "^policy [0-9]"; ok $? "version"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
