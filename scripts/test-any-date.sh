#!/usr/bin/env bash
# The whole suite at instants that break date arithmetic: a Sunday night, the last day of a
# month, New Year's Eve at 23:30 China time, and a leap day. Each run is `scripts/test.sh`
# with LINGGONG_TEST_NOW set (the demo data and the browser clock follow it), its whole output
# in target/test-logs/any-date-INSTANT.log and its stages' logs in target/test-logs/any-date-INSTANT/.
# Ends with the summed "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
instants=(${LINGGONG_TEST_INSTANTS:-2026-11-29T23:30:00+08:00 2027-02-28T22:00:00+08:00 2026-12-31T23:30:00+08:00 2028-02-29T08:00:00+08:00})
passed=0 failed=0
for now in "${instants[@]}"; do
    echo "#### LINGGONG_TEST_NOW=$now"
    log=target/test-logs/any-date-${now//[:+]/-}.log
    mkdir -p target/test-logs
    LINGGONG_TEST_NOW=$now scripts/test.sh >"$log" 2>&1
    # Keep this instant's stage logs: the next instant writes over target/test-logs/*.log.
    stages=target/test-logs/any-date-${now//[:+]/-}
    mkdir -p "$stages" && cp target/test-logs/[a-z]*.log "$stages/" 2>/dev/null
    grep -E '^==> |FAILED' "$log"
    summary=$(tail -n 1 "$log")
    if [[ $summary =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        passed=$((passed + BASH_REMATCH[1])); failed=$((failed + BASH_REMATCH[2]))
    else
        failed=$((failed + 1))
    fi
    echo "#### $now: $summary"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
