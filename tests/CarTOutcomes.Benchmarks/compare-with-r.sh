#!/usr/bin/env bash
# Times the same Kaplan-Meier and log-rank work in C# (BenchmarkDotNet) and in R (survival) on this machine and
# prints the ratio R / C#. Needs R with the survival package:
#   apt-get update && apt-get install -y r-base-core r-cran-survival
# Usage: tests/CarTOutcomes.Benchmarks/compare-with-r.sh [n ...]   (default 1e6 1e7)
#        tests/CarTOutcomes.Benchmarks/compare-with-r.sh parametric   (Weibull AFT, 10 covariates, 10^6 rows: survreg)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "${1:-}" = "parametric" ]; then
  out=$(mktemp -d)
  ( cd "$here" && dotnet run -c Release --project "$here" -- --filter '*ParametricBenchmarks*' --artifacts "$out/BenchmarkDotNet.Artifacts" --exporters csv >/dev/null )
  csv=$(ls "$out"/BenchmarkDotNet.Artifacts/results/*ParametricBenchmarks-report.csv)
  Rscript "$here/r/survreg_bench.R" 1e6 --reps=3 | grep -E '^weibull_aft,' > "$out/r.csv"
  # BenchmarkDotNet's CSV (quoted or not): the Mean column carries a unit (ns, us, ms, s); read it with R.
  Rscript -e '
    a <- commandArgs(TRUE); b <- read.csv(a[1], check.names = FALSE); r <- read.csv(a[2], header = FALSE)
    m <- strsplit(as.character(b$Mean), " "); v <- as.numeric(gsub(",", "", sapply(m, `[`, 1))); u <- sapply(m, `[`, 2)
    s <- v * ifelse(u == "s", 1, ifelse(u == "ms", 1e-3, ifelse(u %in% c("us", "\u03bcs"), 1e-6, 1e-9)))
    rs <- r$V3[match(b$N, r$V2)]
    cat("task,n,csharp_seconds,r_seconds,ratio\n")
    cat(sprintf("weibull_aft,%d,%.3f,%.3f,%.2f\n", b$N, s, rs, rs / s), sep = "")' "$csv" "$out/r.csv"
  exit 0
fi
ns=("$@"); [ ${#ns[@]} -gt 0 ] || ns=(1e6 1e7)
out=$(mktemp -d)
( cd "$out" && dotnet run -c Release --project "$here" -- --filter '*KaplanMeierBenchmarks*' --exporters csv >/dev/null )
csv=$(ls "$out"/BenchmarkDotNet.Artifacts/results/*KaplanMeierBenchmarks-report.csv)
Rscript "$here/r/km_logrank_bench.R" "${ns[@]}" --reps=1 | grep -E '^(km|logrank),' > "$out/r.csv"
echo "task,n,csharp_seconds,r_seconds,ratio"
# BenchmarkDotNet's CSV: quoted fields; the Mean column carries a unit (ns, us, ms, s).
awk -F'","|^"|"$' -v rfile="$out/r.csv" '
  BEGIN { while ((getline l < rfile) > 0) { split(l, a, ","); r[a[1] "," a[2] + 0] = a[3] } }
  NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "N") nc = i; if ($i == "Mean") mc = i; if ($i == "Method") tc = i }; next }
  {
    task = ($tc ~ /^.?km/) ? "km" : "logrank"; n = $nc + 0
    split($mc, m, " "); v = m[1]; gsub(",", "", v); u = m[2]
    s = (u == "s") ? v : (u == "ms") ? v / 1e3 : (u == "us" || u == "μs") ? v / 1e6 : v / 1e9
    key = task "," n
    if (key in r) printf "%s,%d,%.4f,%.3f,%.1f\n", task, n, s, r[key], r[key] / s
  }' "$csv"
