#!/usr/bin/env bash
# Installs the Debian 12 packages Flameblue needs to build, test and run. Safe to run again.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git ccache
    libgrpc++-dev libgrpc-dev protobuf-compiler protobuf-compiler-grpc libprotobuf-dev
    # Operator tokens are stored hashed (Argon2id) and compared in constant time.
    libsodium-dev
    libsqlite3-dev libexpat1-dev libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev
    # Exact station placement (maximal covering location problem, server/reports/placement).
    libglpk-dev
    # The PostgreSQL event store (libpq) and the throw-away clusters its tests start.
    libpq-dev postgresql-15
    # Building alarm panels and water sensors over MQTT: the client library, and the broker and
    # its command-line clients that the demo and the tests start themselves (never as a service).
    libmosquitto-dev mosquitto mosquitto-clients
    clang-format clang-tidy clang libclang-rt-14-dev
    qt6-base-dev qt6-declarative-dev qt6-positioning-dev qt6-tools-dev qt6-tools-dev-tools
    qt6-l10n-tools qt6-translations-l10n libqt6opengl6-dev
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-window qml6-module-qtqml-workerscript qml6-module-qtquick-templates
    qml6-module-qttest qml6-module-qtpositioning qml6-module-qtquick-dialogs
    qml6-module-qtqml qml6-module-qtqml-models qml6-module-qt-labs-settings
    qml6-module-qt-labs-folderlistmodel
    # The console's Reports view: Qt Charts.
    qt6-charts-dev qml6-module-qtcharts
    xvfb xauth libgl1-mesa-dri fonts-noto-cjk openssl
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "All build and test packages are installed."
    exit 0
fi

echo "Installing: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
