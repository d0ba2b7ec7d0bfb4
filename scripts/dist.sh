#!/usr/bin/env bash
# Builds the programs handed to clerks, from any checkout of this repository:
#   target/dist/workreport.exe               Windows 10/11, x86-64 (with 生成报告.bat beside it)
#   target/dist/workreport-linux-aarch64     Linux on ARM (统信UOS, 麒麟 desktops), glibc 2.36+
#
# usage: scripts/dist.sh [windows|aarch64|all]      (default: all)
#
# rustup cannot fetch the standard library of another target here, so the script uses Debian's
# own Rust (rustc-web, cargo-web, rust-web-src: /usr/bin/rustc and /usr/bin/cargo) to build the
# standard library from source (-Zbuild-std), with mingw-w64 or the aarch64 GNU toolchain as the
# linker. It installs those Debian packages when they are missing (as root), and builds into
# target/cross with the `dist` profile (Cargo.toml), so the everyday builds in target/debug and
# target/release are left alone. Running it again rebuilds only what changed. Two runs never
# build at once (a lock), since each takes the machine's two cores for about 10 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."

which_targets=${1:-all}
case "$which_targets" in
  windows) targets=(x86_64-pc-windows-gnu) ;;
  aarch64) targets=(aarch64-unknown-linux-gnu) ;;
  all) targets=(x86_64-pc-windows-gnu aarch64-unknown-linux-gnu) ;;
  *) echo "usage: $0 [windows|aarch64|all]" >&2; exit 2 ;;
esac

# Debian packages each target needs (the Rust ones are the same for both).
packages=(rustc-web cargo-web rust-web-src)
for target in "${targets[@]}"; do
  case "$target" in
    x86_64-pc-windows-gnu) packages+=(gcc-mingw-w64-x86-64) ;;
    aarch64-unknown-linux-gnu) packages+=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross) ;;
  esac
done
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "dist.sh: missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2
    exit 1
  fi
  echo "dist.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

cross_dir="$PWD/target/cross"
dist_dir="$PWD/target/dist"
mkdir -p "$cross_dir" "$dist_dir"

exec 9>"$cross_dir/.dist.lock"
if ! flock -n 9; then
  echo "dist.sh: another cross build is running; waiting for it" >&2
  flock 9
fi

for target in "${targets[@]}"; do
  case "$target" in
    x86_64-pc-windows-gnu)
      linker=x86_64-w64-mingw32-gcc; exe=workreport.exe; artefact=workreport.exe ;;
    aarch64-unknown-linux-gnu)
      linker=aarch64-linux-gnu-gcc; exe=workreport; artefact=workreport-linux-aarch64 ;;
  esac
  linker_var="CARGO_TARGET_$(echo "$target" | tr 'a-z-' 'A-Z_')_LINKER"
  echo "dist.sh: building $artefact ($target)" >&2
  start=$(date +%s)
  # PATH without ~/.cargo/bin: rustup's cargo and rustc would shadow Debian's. RUSTC_BOOTSTRAP
  # lets the stable Debian toolchain take -Zbuild-std.
  env PATH=/usr/bin:/bin RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \
    CARGO_TARGET_DIR="$cross_dir" "$linker_var=$linker" \
    /usr/bin/cargo build --profile dist --locked --bin workreport \
      -Zbuild-std=std,panic_abort --target "$target"
  cp "$cross_dir/$target/dist/$exe" "$dist_dir/$artefact.tmp"
  mv "$dist_dir/$artefact.tmp" "$dist_dir/$artefact"
  if [ "$target" = aarch64-unknown-linux-gnu ] && command -v qemu-aarch64 >/dev/null; then
    # It starts and prints its version (apt-get install qemu-user to have this check).
    qemu-aarch64 -L /usr/aarch64-linux-gnu "$dist_dir/$artefact" --version >&2
  fi
  if [ "$target" = x86_64-pc-windows-gnu ]; then
    # The double-click launcher handed out beside the exe (README, 在自己的电脑上使用).
    cp scripts/windows/生成报告.bat "$dist_dir/"
  fi
  echo "dist.sh: target/dist/$artefact ($(du -m "$dist_dir/$artefact" | cut -f1) MB, $(($(date +%s) - start)) s)" >&2
done
