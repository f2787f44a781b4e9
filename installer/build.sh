#!/usr/bin/env bash
# Builds the Linux installer: one command, from the project root or anywhere:
#
#   installer/build.sh            # app image + .deb in target/installer/
#   installer/build.sh --image    # the app image only (no .deb; no fakeroot needed)
#
# Needs a JDK 17+ with jpackage/jlink (JAVA_HOME, or the one on the PATH) and, for the .deb, fakeroot and
# dpkg-deb (installed with apt-get when missing and running as root). Output:
#   target/installer/image/seal-workbench/      the app image (bin/seal-workbench, bin/seal, lib/runtime, lib/app)
#   target/installer/seal-workbench_<v>_amd64.deb
# What goes in: the workbench jar and its runtime jars (PyTorch's CPU natives stay inside their Maven Central
# jar, which DJL unpacks into the user's cache on first start), a jlink runtime of the modules jdeps finds
# the jars need, the seal-tiny model and the sample data. Nothing is downloaded at install or run time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
OUT="$ROOT/target/installer"
IMAGE_ONLY=false
[ "${1:-}" = "--image" ] && IMAGE_ONLY=true

say() { printf 'installer: %s\n' "$*" >&2; }
start=$(date +%s)

# --- tools -------------------------------------------------------------------------------------------
JBIN="${JAVA_HOME:+$JAVA_HOME/bin/}"
for tool in jpackage jlink jdeps; do
  command -v "${JBIN}$tool" >/dev/null || { say "no $tool in ${JBIN:-PATH} (set JAVA_HOME to a JDK 17+)"; exit 1; }
done
if ! $IMAGE_ONLY; then
  missing=()
  command -v fakeroot >/dev/null || missing+=(fakeroot)
  command -v dpkg-deb >/dev/null || missing+=(dpkg-dev)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      say "installing ${missing[*]}"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      say "needs ${missing[*]}: sudo apt-get install ${missing[*]}"; exit 1
    fi
  fi
fi

VERSION="$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)"
[ -n "$VERSION" ] || { say "cannot read the version from pom.xml"; exit 1; }

# --- 1. the jar and its runtime dependencies -------------------------------------------------------
rm -rf "$OUT"
mkdir -p "$OUT/input/lib"
say "building the jar and collecting runtime jars (Maven)"
./mvnw -B -q ${MVN_FLAGS:-} -DskipTests package dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$OUT/input/lib" >&2
cp "target/seal-workbench-${VERSION}"*.jar "$OUT/input/seal-workbench.jar"
# jpackage puts every jar under the input folder on the class path; the natives jar must stay a jar.
ls "$OUT/input/lib"/pytorch-native-cpu-*.jar >/dev/null
# This package is for linux-x86_64: other platforms' natives inside the jars are dead weight (~30 MB).
"${JBIN}java" installer/StripNatives.java "$OUT/input/lib" linux-x86_64

# Bundled data: the sample passages and the model (only the files a checkpoint needs, and its card).
cp -r sample-data "$OUT/input/sample-data"
mkdir -p "$OUT/input/models/seal-tiny"
for f in config.json generation_config.json model.safetensors special_tokens_map.json tokenizer.json \
         tokenizer_config.json MODEL_CARD.md; do
  [ -f "assets/models/seal-tiny/$f" ] && cp "assets/models/seal-tiny/$f" "$OUT/input/models/seal-tiny/"
done

# --- 2. a runtime with only the modules the jars use -----------------------------------------------
say "finding the JDK modules the jars need (jdeps)"
MODULES="$("${JBIN}jdeps" --ignore-missing-deps --multi-release 17 --print-module-deps \
  --class-path "$OUT/input/lib/*" "$OUT/input/seal-workbench.jar")"
# jdeps cannot see what is loaded by name: JUL's file handler (java.logging), JNDI lookups of sqlite-jdbc
# (java.naming), zip file systems (jdk.zipfs), and JavaFX's use of sun.misc (jdk.unsupported).
MODULES="$MODULES,java.logging,java.naming,jdk.zipfs,jdk.unsupported"
say "jlink: $MODULES"
# No jlink compression: the .deb's xz compresses class files better than jlink's zip, which xz cannot undo
# (measured here: runtime 52 MB with --compress=2, 78 MB without; the .deb was 212 MB with the zipped runtime,
# all platforms' natives and xz -6, and is 174 MB with the plain runtime, linux-x86_64 natives and xz -1).
"${JBIN}jlink" --add-modules "$MODULES" --strip-debug --no-header-files --no-man-pages --strip-native-commands \
  --output "$OUT/runtime"

# --- 3. the app image --------------------------------------------------------------------------------
say "jpackage: app image"
"${JBIN}jpackage" @installer/common.args @installer/linux/linux.args --app-version "$VERSION" \
  --type app-image --dest "$OUT/image"
APP="$OUT/image/seal-workbench"
"$APP/bin/seal" --version >/dev/null || { say "the packaged seal command does not run"; exit 1; }

# --- 4. the .deb ---------------------------------------------------------------------------------------
if ! $IMAGE_ONLY; then
  say "jpackage: .deb"
  # dpkg-deb's compressor (xz) at level 1: the jars are compressed already, and xz -6 spends minutes on
  # them for nothing (measured on 30 MB of the natives jar: -1 41 s, -6 114 s, same size to 0.1 %).
  export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-xz}" DPKG_DEB_COMPRESSOR_LEVEL="${DPKG_DEB_COMPRESSOR_LEVEL:-1}"
  "${JBIN}jpackage" @installer/linux/deb.args --type deb --app-image "$APP" --name seal-workbench \
    --app-version "$VERSION" --description "A desktop research workbench for SEAL (Self-Adapting Language Models)" \
    --vendor "SEAL Workbench project" --dest "$OUT"
fi

# --- sizes -----------------------------------------------------------------------------------------------
say "done in $(( $(date +%s) - start )) s"
say "app image: $(du -sm "$APP" | cut -f1) MB (runtime $(du -sm "$APP/lib/runtime" | cut -f1) MB)"
for deb in "$OUT"/*.deb; do
  [ -f "$deb" ] && say "$(basename "$deb"): $(( $(stat -c %s "$deb") / 1000000 )) MB"
done
exit 0
