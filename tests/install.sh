#!/bin/sh
# install.sh BUILDDIR SRCDIR - `meson install` into a scratch root, then
# build and run docs/example.c against it through pkg-config, as a user would.
build=$1 src=$2
tmp=$(mktemp -d) && trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { if [ "$1" = 0 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL: $2" >&2; fi; }
meson install -C "$build" --destdir "$tmp/root" --no-rebuild > "$tmp/log" 2>&1
rc=$?; [ $rc = 0 ] || cat "$tmp/log" >&2; ok $rc "meson install"
prefix=$(meson introspect "$build" --buildoptions | python3 -c 'import json,sys; print([o["value"] for o in json.load(sys.stdin) if o["name"]=="prefix"][0])')
pcdir=$(find "$tmp/root" -name libpolicy.pc -printf '%h\n' | head -n 1)
[ -n "$pcdir" ]; ok $? "libpolicy.pc installed"
[ -n "$(find "$tmp/root" -name 'libpolicy.so.0')" ]; ok $? "shared library with soname installed"
[ -n "$(find "$tmp/root" -name 'libpolicy.a')" ]; ok $? "static library installed"
[ -n "$(find "$tmp/root" -name 'policy.h')" ]; ok $? "header installed"
[ -n "$(find "$tmp/root" -name 'policy.1*')" ]; ok $? "man page installed"
[ -n "$(find "$tmp/root" -name 'policy.rng')" ]; ok $? "schema installed"
[ -n "$(find "$tmp/root" -name 'agency-aliases.tsv')" ]; ok $? "alias table installed"
[ -n "$(find "$tmp/root" -name 'units.tsv')" ]; ok $? "unit catalogue installed"
export PKG_CONFIG_PATH="$pcdir" PKG_CONFIG_SYSROOT_DIR="$tmp/root"
cflags=$(pkg-config --cflags libpolicy) && libs=$(pkg-config --libs libpolicy); ok $? "pkg-config knows libpolicy"
${CC:-cc} -std=c11 -Wall -Wextra -Werror -o "$tmp/example" "$src/docs/example.c" $cflags $libs; ok $? "example builds"
libdir=$(dirname "$(find "$tmp/root" -name 'libpolicy.so.0' | head -n 1)")
LD_LIBRARY_PATH="$libdir" "$tmp/example" "$src/corpus/002_103210e8a138a734.txt" > "$tmp/out"; ok $? "example runs"
grep -q "意见: 荔湾区关于加快构建现代化产业体系的实施意见（征求意见稿）" "$tmp/out"; ok $? "example prints the title"
grep -q "^      1\.  加强重大产业项目规划土地保障" "$tmp/out"; ok $? "example prints the sections"
echo "$pass passed, $fail failed (prefix $prefix)"
[ "$fail" = 0 ]
