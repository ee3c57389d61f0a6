#!/bin/sh
# memcheck.sh POLICY SOURCE_ROOT - valgrind's memcheck over every corpus text,
# in each output format: no invalid access, no uninitialised value, no leak
# (memory libxml2 keeps for the process's life is reachable, not leaked).
# PCRE2's JIT code is opaque to valgrind, so the patterns run interpreted.
set -e
policy=$1
root=$2
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=0
for format in json xml csv; do
  valgrind -q --error-exitcode=3 --leak-check=full --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible "$policy" --no-jit --format $format -o "$out/" \
    "$root"/corpus/*.txt "$root"/corpus/extra/*.txt
  n=$((n + 1))
done
echo "$n passed, 0 failed"
