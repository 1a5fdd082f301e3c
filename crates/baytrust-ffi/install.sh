#!/usr/bin/env bash
# Builds the C ABI in release mode and installs it under PREFIX (default /usr/local):
#   PREFIX/include/baytrust.h
#   PREFIX/lib/libbaytrust_ffi.a, PREFIX/lib/libbaytrust_ffi.so
#   PREFIX/lib/pkgconfig/baytrust.pc (from baytrust.pc.in)
# Then: cc app.c $(pkg-config --cflags --libs baytrust)            (shared)
#       cc app.c $(pkg-config --static --cflags --libs baytrust)   (static: add
#       -Wl,-Bstatic around -lbaytrust_ffi, or link PREFIX/lib/libbaytrust_ffi.a directly)
set -euo pipefail
cd "$(dirname "$0")"
prefix="${1:-${PREFIX:-/usr/local}}"
version="$(cargo pkgid -p baytrust-ffi | sed 's/.*[#@]//')"
cargo build --release -p baytrust-ffi
target="$(cargo metadata --format-version 1 --no-deps | sed 's/.*"target_directory":"\([^"]*\)".*/\1/')"
install -d "$prefix/include" "$prefix/lib/pkgconfig"
install -m 644 include/baytrust.h "$prefix/include/"
install -m 644 "$target/release/libbaytrust_ffi.a" "$prefix/lib/"
install -m 755 "$target/release/libbaytrust_ffi.so" "$prefix/lib/"
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" baytrust.pc.in \
  > "$prefix/lib/pkgconfig/baytrust.pc"
echo "installed baytrust $version under $prefix"
