#!/bin/sh
# symbols.sh LIB SRCDIR - the shared library exports exactly the functions
# policy.h declares, and libpolicy.map lists exactly those.
lib=$1 src=$2
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { if [ "$1" = 0 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $2" >&2; fi; }
grep -o '^POL_API[^(]*(' "$src/include/policy.h" | sed -E 's/.*[ *]([a-z_0-9]+)\($/\1/' | sort > "$tmp/header"
sed -n 's/^ *\(pol_[a-z_0-9]*\);$/\1/p' "$src/libpolicy.map" | sort > "$tmp/map"
nm -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' | grep -v '^$' | grep -v '^LIBPOLICY' | sort > "$tmp/exported"
diff "$tmp/header" "$tmp/map" >&2; ok $? "libpolicy.map lists the header's functions"
diff "$tmp/header" "$tmp/exported" >&2; ok $? "the library exports the header's functions and no other"
[ "$(wc -l < "$tmp/header")" -gt 40 ]; ok $? "the header declares the API"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
