#!/usr/bin/env bash
# Installs what the portal's browser test (examples/portal/test/portal.e2e.test.ts) needs:
# Debian's Chromium, driven headless through playwright-core, and a small Chinese font
# (fonts-wqy-microhei) so the zh-CN screenshots show text rather than empty boxes. Idempotent;
# needs root and the apt repositories only when something is missing.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
if [ ${#need[@]} -gt 0 ]; then
  echo "portal: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
echo "portal: ready ($(chromium --version 2>/dev/null | head -1))"
