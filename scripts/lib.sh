# Shared by scripts/*: where things are, and the PATH every build and test needs.
# Sourced, not run.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# npm's binaryen@132 wasm-opt must come FIRST: Debian's (108) and crates.io's (116) cannot parse
# what rustc 1.95 + wasm-bindgen emit, and trunk would pick whichever is first on PATH.
export PATH="$ROOT/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Trunk must never try to download tools (this network only reaches package registries).
export TRUNK_OFFLINE=true

TRUNK_VERSION=0.21.14
# The geckodriver that drives Debian's firefox-esr (checked with 0.37.1 and Firefox 153.8 ESR).
GECKODRIVER_VERSION=0.37.1
# The WebKitGTK browser that WebKitWebDriver starts (Debian's libwebkit2gtk-4.1-0 ships it here).
MINIBROWSER="${MINIBROWSER:-/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser}"
export MINIBROWSER

log() { printf '\033[1m[scaleboard]\033[0m %s\n' "$*" >&2; }

# The wasm-bindgen version Cargo.lock resolved; wasm-bindgen-cli must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}
