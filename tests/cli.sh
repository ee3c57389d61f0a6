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
"$policy" --format yaml x.txt 2>/dev/null; [ $? = 2 ]; ok $? "unknown format exits 2"
"$policy" --bogus 2>/dev/null; [ $? = 2 ]; ok $? "unknown option exits 2"
"$policy" --version | grep -q "^policy [0-9]"; ok $? "version"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
