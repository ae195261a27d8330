#!/usr/bin/env bash
# A Java runtime for pyspark (warta ingest --engine spark, and its tests): Debian's
# openjdk-17-jre-headless. Does nothing when a Java 17 or newer already runs.
set -euo pipefail
version=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1 || true)
if [ -n "$version" ] && [ "$version" -ge 17 ]; then
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
java -version
