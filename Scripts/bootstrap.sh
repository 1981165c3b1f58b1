#!/usr/bin/env bash
# Installs everything Brickyard needs to build, run and test on Debian 12: the C libraries it wraps, and
# the storage tools the real-cluster tests drive. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(
    pkg-config
    # Libraries Brickyard links (see the system library targets in Package.swift).
    libcurl4-openssl-dev libyaml-dev libmicrohttpd-dev libsqlite3-dev libssl-dev
    # Tools the executors run on Gluster nodes, and that the loopback testbed needs.
    glusterfs-server glusterfs-client xfsprogs lvm2 attr util-linux
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if ((${#missing[@]})); then
    if [[ $(id -u) -ne 0 ]]; then
        echo "bootstrap.sh: must run as root to install: ${missing[*]}" >&2
        exit 1
    fi
    echo "bootstrap.sh: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "bootstrap.sh: the Swift 6 toolchain is not on PATH (install it from swift.org, then run this again)" >&2
    exit 1
fi
echo "bootstrap.sh: ready ($(swift --version 2>/dev/null | head -n 1))"
