#!/usr/bin/env bash
# Re-vendor the web UI's front-end libraries (pinned npm versions) into warta/web/static/vendor.
# The package ships these files, so the UI needs no internet at run time. Run after a version bump.
set -euo pipefail
UPLOT=1.6.32
SWAGGER=5.35.0
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VENDOR="$ROOT/warta/web/static/vendor"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
npm pack --silent "uplot@$UPLOT" "swagger-ui-dist@$SWAGGER" >/dev/null
mkdir -p u s "$VENDOR/uplot" "$VENDOR/swagger-ui"
tar xzf "uplot-$UPLOT.tgz" -C u
tar xzf "swagger-ui-dist-$SWAGGER.tgz" -C s
cp u/package/dist/uPlot.iife.min.js u/package/dist/uPlot.min.css u/package/LICENSE "$VENDOR/uplot/"
cp s/package/swagger-ui-bundle.js s/package/swagger-ui-bundle.js.LICENSE.txt s/package/swagger-ui.css \
  s/package/LICENSE s/package/NOTICE "$VENDOR/swagger-ui/"
# The bundle ends with a source-map comment for a file not shipped; drop it (no 404s in the console).
sed -i '/^\/\/# sourceMappingURL=/d' "$VENDOR/swagger-ui/swagger-ui-bundle.js"
printf 'uplot %s (MIT)\nswagger-ui-dist %s (Apache-2.0)\n' "$UPLOT" "$SWAGGER" > "$VENDOR/VERSIONS"
