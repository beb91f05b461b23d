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
# BenchmarkDotNet's CSV quotes only the fields that need it; read it with R's CSV reader. Mean carries a unit.
Rscript -e '
args <- commandArgs(TRUE); r <- read.csv(args[1], header = FALSE, col.names = c("task", "n", "elapsed", "cpu"))
b <- do.call(rbind, lapply(args[-1], read.csv, check.names = FALSE, stringsAsFactors = FALSE))
secs <- function(m) { v <- as.numeric(gsub(",", "", sub(" .*", "", m))); u <- sub(".* ", "", m)
  v * c(s = 1, ms = 1e-3, us = 1e-6, "\u03bcs" = 1e-6, ns = 1e-9)[u] }
b$task <- ifelse(grepl("standard errors", b$Method), "with_se", "estimate")
m <- merge(data.frame(task = b$task, n = as.numeric(b$Transitions), csharp = secs(b$Mean)), r)
m$ratio_elapsed <- round(m$elapsed / m$csharp, 1); m$ratio_cpu <- round(m$cpu / m$csharp, 1)
names(m) <- c("task", "transitions", "csharp_seconds", "r_elapsed_seconds", "r_cpu_seconds", "ratio_elapsed", "ratio_cpu")
write.csv(m, stdout(), row.names = FALSE, quote = FALSE)' "$out/r.csv" $csv
