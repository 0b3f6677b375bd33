#!/usr/bin/env bash
# Our engine and the peer (bpmn-engine) on the same Zhashui season, one after the other on this machine:
#   bash tests/peer-bpmn/compare.sh [N]
# Prints both reports and the ratio of enrollments per second (ours / peer).
set -euo pipefail
cd "$(dirname "$0")"
people=${1:-2000}
[ -d node_modules/bpmn-engine ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build ../../src/ResidentInsurance.Cli -c Release -v quiet -nologo >/dev/null
ours=$(dotnet ../../src/ResidentInsurance.Cli/bin/Release/net10.0/ResidentInsurance.Cli.dll bench season --region zhashui --people "$people" 2>/dev/null)
echo "$ours"
peer=$(node season.mjs --people "$people" 2>/dev/null)
echo "peer: $peer"
ours_rate=$(echo "$ours" | awk -F'|' '/enrollments\/s/ { gsub(/[ ,]/, "", $3); print $3; exit }')
peer_rate=$(echo "$peer" | python3 -c 'import json, sys; print(json.load(sys.stdin)["perSecond"])')
python3 -c "import sys; o, p = float(sys.argv[1]), float(sys.argv[2]); print(f'ratio (ours / bpmn-engine): {o / p:.1f}x  ({o:.0f}/s vs {p:.0f}/s, N = $people)')" "$ours_rate" "$peer_rate"
