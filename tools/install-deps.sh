#!/bin/sh
# install-deps.sh - what a fresh Debian 12 machine needs to build and test
# libpolicy: a C compiler, meson and ninja, pkg-config, and the three
# libraries (pcre2, utf8proc, libxml2); g++ for the header's C++ test,
# valgrind for the memcheck test, GNU parallel for the docs/batch.md test.
set -e
need=""
for pkg in build-essential g++ meson ninja-build pkg-config libpcre2-dev libutf8proc-dev libxml2-dev python3 valgrind parallel; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need="$need $pkg"
done
if [ -n "$need" ]; then
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $need
fi
