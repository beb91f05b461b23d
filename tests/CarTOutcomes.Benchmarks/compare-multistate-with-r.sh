#!/usr/bin/env bash
# Times the multi-state Aalen-Johansen estimator in C# (BenchmarkDotNet, MultiStateBenchmarks) and R's multi-state
# survfit (r/multistate_bench.R) on the same data, and prints the ratio R / C#. The machine may be shared: run it when
# it is idle, and read the ratio, not the seconds.
# Usage: tests/CarTOutcomes.Benchmarks/compare-multistate-with-r.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out=$(mktemp -d)
# BenchmarkDotNet finds the project from the working directory: run it here, with the artifacts in $out.
( cd "$here" && dotnet run -c Release --project "$here" -- --filter '*MultiState*' --exporters csv \
    --artifacts "$out/BenchmarkDotNet.Artifacts" >/dev/null )
csv=$(ls "$out"/BenchmarkDotNet.Artifacts/results/*MultiState*-report.csv)
Rscript "$here/r/multistate_bench.R" --reps=1 | grep -E '^(estimate|with_se),' > "$out/r.csv"
echo "task,transitions,csharp_seconds,r_elapsed_seconds,r_cpu_seconds,ratio_elapsed,ratio_cpu"
awk -F'","|^"|"$' -v rfile="$out/r.csv" '
  BEGIN { while ((getline l < rfile) > 0) { split(l, a, ","); r[a[1] "," a[2] + 0] = a[3]; rc[a[1] "," a[2] + 0] = a[4] } }
  FNR == 1 { for (i = 1; i <= NF; i++) { if ($i == "Transitions") nc = i; if ($i == "Mean") mc = i; if ($i == "Method") tc = i }; next }
  {
    task = ($tc ~ /standard errors/) ? "with_se" : "estimate"; n = $nc + 0
    split($mc, m, " "); v = m[1]; gsub(",", "", v); u = m[2]
    s = (u == "s") ? v : (u == "ms") ? v / 1e3 : (u == "us" || u == "μs") ? v / 1e6 : v / 1e9
    key = task "," n
    if (key in r) printf "%s,%d,%.4f,%.3f,%.3f,%.1f,%.1f\n", task, n, s, r[key], rc[key], r[key] / s, rc[key] / s
  }' $csv
