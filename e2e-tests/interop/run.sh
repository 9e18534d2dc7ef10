#!/usr/bin/env bash
# Third-party interoperability check: dicomweb-client (the OHIF viewer's DICOMweb library) runs the
# tutorial flows against NIMBUS_BASE_URL. Needs node and npm (the npm registry for the first install).
set -euo pipefail
cd "$(dirname "$0")"
: "${NIMBUS_BASE_URL:?NIMBUS_BASE_URL must point at a running Nimbus gateway}"
if [ ! -d node_modules/dicomweb-client ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node dicomweb-client-interop.cjs
