#!/usr/bin/env bash
# Runs Brickyard's whole test suite: installs what is missing, builds, and runs every test target.
# Tests that need root, loop devices or glusterd say why when they skip.
set -euo pipefail
cd "$(dirname "$0")/.."
Scripts/bootstrap.sh
swift build --build-tests
swift test --skip-build "$@"
