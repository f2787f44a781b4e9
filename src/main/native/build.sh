#!/bin/sh
# Builds the MKL code-path shim (mkl_intel_path.c) into the class folder, on Linux x86_64 when a C
# compiler is present. Without one the build goes on and the engine keeps MKL's generic kernels
# (slower on AMD CPUs; `./seal bench` says which path runs). Usage: build.sh SRC_DIR OUT_DIR
set -u
SRC="$1/mkl_intel_path.c"; OUT="$2/libseal_mkl_intel_path.so"
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || exit 0
[ -f "$OUT" ] && [ "$OUT" -nt "$SRC" ] && exit 0
CC="${CC:-}"
if [ -z "$CC" ]; then
  for c in cc gcc clang; do command -v "$c" >/dev/null 2>&1 && { CC="$c"; break; }; done
fi
if [ -z "$CC" ]; then
  echo "[seal] no C compiler: the MKL code-path shim is not built (install gcc for faster matrix products on AMD CPUs)" >&2
  exit 0
fi
mkdir -p "$2"
"$CC" -shared -fPIC -O2 -o "$OUT" "$SRC" -ldl \
  || echo "[seal] $CC could not build $SRC: the MKL code-path shim is left out" >&2
exit 0
