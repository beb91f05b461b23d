#!/usr/bin/env bash
# Times CarTOutcomes beside R (survival, cmprsk, data.table) and Python (statsmodels) on this machine and prints
# every ratio of issue #18 from one run, as CSV: task,n,csharp_seconds,peer,peer_seconds,ratio (ratio = peer / C#).
# Needs: Rscript with survival, cmprsk and data.table; Debian's python3-statsmodels (/usr/bin/python3):
#   apt-get update && apt-get install -y r-base-core r-cran-survival r-cran-cmprsk r-cran-data.table python3-statsmodels
# Usage:
#   tests/CarTOutcomes.Benchmarks/compare-with-r.sh          every ratio of issue #18 (about 10 minutes on 2 idle cores)
#   tests/CarTOutcomes.Benchmarks/compare-with-r.sh km [n]   the Kaplan-Meier / log-rank comparison of issue #2
#   tests/CarTOutcomes.Benchmarks/compare-with-r.sh parametric   Weibull AFT, 10 covariates, 10^6 rows, against survreg
# Environment: REPS (whole-process repetitions, default 3; the fastest is kept), CSV (the 10^6-row file, made if missing),
# FG_R_N (sizes at which R's finegray + coxph and crr are run, default "2000"; finegray expands the data, see
# docs/performance.md), NATIVE (1, the default: also publish the command line as a native binary, which needs a C
# toolchain, clang or gcc, and time it; 0: only `dotnet cartoutcomes.dll`). Wall-clock seconds; the fastest of REPS
# runs for whole processes, the median for fits. NATIVE_DIR: a folder holding a native binary published from this
# commit beforehand (the publish takes minutes; the script then only times it).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
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
out=$(mktemp -d)

if [ "${1:-}" = "km" ]; then
  shift
  ns=("$@"); [ ${#ns[@]} -gt 0 ] || ns=(1e6 1e7)
  # BenchmarkDotNet finds the project from the working directory; its artifacts go to the scratch folder
  ( cd "$here" && dotnet run -c Release -- --filter '*KaplanMeierBenchmarks*' --exporters csv --artifacts "$out/BenchmarkDotNet.Artifacts" >/dev/null )
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
  exit 0
fi

reps=${REPS:-3}
file=${CSV:-/tmp/cartoutcomes-cox-1e6.csv}
fg_r_n=${FG_R_N:-2000}
cols=x1,x2,x3,x4,x5,x6,x7,x8,x9,x10
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
dotnet build -c Release "$root/src/CarTOutcomes.Cli" >/dev/null
dotnet build -c Release "$here" >/dev/null
cli="$root/src/CarTOutcomes.Cli/bin/Release/net10.0/cartoutcomes.dll"
bench="$here/bin/Release/net10.0/CarTOutcomes.Benchmarks.dll"
[ -f "$file" ] || Rscript "$here/r/make_cox_csv.R" 1e6 "$file"
# The command line as a native binary (Native AOT, x86-64-v3; docs/performance.md): no compilation at run time.
native=${NATIVE:-1}
nativedir=${NATIVE_DIR:-$out/native}
if [ "$native" = 1 ] && [ -z "${NATIVE_DIR:-}" ]; then
  linker=(); command -v clang >/dev/null || linker=(-p:CppCompilerAndLinker=gcc)
  dotnet publish "$root/src/CarTOutcomes.Cli" -c Release -r linux-x64 -p:PublishAot=true "${linker[@]}" -o "$nativedir" >/dev/null
fi

ratio() { awk -v t="$1" -v n="$2" -v c="$3" -v p="$4" -v s="$5" 'BEGIN { printf "%s,%s,%.3f,%s,%.3f,%.1f\n", t, n, c, p, s, s / c }'; }
# fastest wall-clock seconds, the CPU seconds (user + system) of that run, and the largest resident set (kB) of REPS
# runs of a command
timed() {
  local best="" cpu="" rss=0
  for _ in $(seq "$reps"); do
    /usr/bin/time -f "%e %U %S %M" -o "$out/time" "$@" >/dev/null 2>"$out/err" || { cat "$out/err" >&2; return 1; }
    read -r s u y m < "$out/time"
    if [ -z "$best" ] || awk -v a="$best" -v b="$s" 'BEGIN { exit !(b < a) }'; then best=$s; cpu=$(awk -v u="$u" -v y="$y" 'BEGIN { print u + y }'); fi
    [ "$m" -gt "$rss" ] && rss=$m
  done
  echo "$best $cpu $rss"
}

echo "task,n,csharp_seconds,peer,peer_seconds,ratio"
# 1. Whole processes on the 80 MB file: cox + km against fread + coxph + survfit
read -r r_whole r_cpu _ < <(timed Rscript "$here/r/cox_km_whole.R" "$file")
whole() { # label, then the command that starts the command line
  local label=$1; shift
  read -r cox cox_cpu cox_rss < <(timed "$@" cox --input "$file" --time time --event status --covariates $cols --json)
  read -r km km_cpu _ < <(timed "$@" km --input "$file" --time time --event status --json)
  ratio "cox+km whole process$label" 1000000 "$(awk -v a="$cox" -v b="$km" 'BEGIN { print a + b }')" "R fread+coxph+survfit" "$r_whole" | tee -a "$out/targets.csv"
  ratio "cox+km whole process$label (CPU seconds)" 1000000 "$(awk -v a="$cox_cpu" -v b="$km_cpu" 'BEGIN { print a + b }')" "R fread+coxph+survfit (CPU seconds)" "$r_cpu"
  echo "#$label cox $cox s (CPU $cox_cpu s), km $km s (CPU $km_cpu s); peak resident set of the cox process: $((cox_rss / 1024)) MB (target 250 MB)" >&2
  echo "peak resident set of cox$label,$((cox_rss / 1024))" >> "$out/targets.csv"
}
if [ "$native" = 1 ]; then
  # the native binary must print what the portable build prints, to the last digit
  for c in "cox --covariates $cols" km; do
    set -- $c
    cmd=$1; shift
    dotnet "$cli" "$cmd" --input "$file" --time time --event status "$@" --json > "$out/portable.json"
    "$nativedir/cartoutcomes" "$cmd" --input "$file" --time time --event status "$@" --json > "$out/native.json"
    cmp -s "$out/portable.json" "$out/native.json" || { echo "the native $cmd differs from the portable one" >&2; exit 1; }
  done
  whole " (native binary)" "$nativedir/cartoutcomes"
fi
whole " (dotnet cartoutcomes.dll)" dotnet "$cli"

# 2. The Cox fit alone (Efron and Breslow, p = 10, 10^6 rows) against coxph and statsmodels PHReg
Rscript "$here/r/cox_bench.R" 1e6 | grep '^coxph-' > "$out/coxph.csv"
/usr/bin/python3 "$here/python/phreg_bench.py" "$file" > "$out/phreg.csv"
# The fit runs as the command line runs it: with tiered compilation off (the CLI's runtimeconfig sets it), so that no
# repetition runs unoptimised code or competes with the JIT's background compilation; the median of 5 fits after one
# untimed fit (which compiles the code; the whole-process rows above include that cost).
for ties in efron breslow; do
  cs=$(DOTNET_TieredCompilation=0 dotnet "$bench" --time "cox-$ties" 1e6 5 | cut -d, -f3)
  ratio "cox fit $ties" 1000000 "$cs" "R coxph" "$(grep "^coxph-$ties," "$out/coxph.csv" | cut -d, -f3)" | tee -a "$out/targets.csv"
  ratio "cox fit $ties" 1000000 "$cs" "statsmodels PHReg" "$(grep "^phreg-$ties," "$out/phreg.csv" | cut -d, -f2)"
done

# 3. Fine-Gray: C# at 10^6; R's finegray + coxph and crr where they can run (see FG_R_N)
fg6=$(dotnet "$bench" --time finegray 1e6 1 | cut -d, -f3)
echo "finegray fit,1000000,$fg6,(R not run at 10^6: see docs/performance.md),,"
for n in $fg_r_n; do
  cs=$(dotnet "$bench" --time finegray "$n" 3 | cut -d, -f3)
  line=$(timeout 900 Rscript "$here/r/competing_bench.R" finegray "$n" || echo "finegray,$n,timeout")
  ratio "finegray fit" "$n" "$cs" "R finegray+coxph ($(echo "$line" | cut -d, -f4) expanded rows)" "$(echo "$line" | cut -d, -f3)"
  line=$(timeout 900 Rscript "$here/r/competing_bench.R" crr "$n" || echo "crr,$n,timeout")
  ratio "finegray fit" "$n" "$cs" "R crr" "$(echo "$line" | cut -d, -f3)"
done

# 4. Cumulative incidence at 10^7 rows against cmprsk::cuminc
ci=$(dotnet "$bench" --time cuminc 1e7 1 | cut -d, -f3)
line=$(timeout 1800 Rscript "$here/r/competing_bench.R" cuminc 1e7 || echo "cuminc,1e7,timeout")
ratio "cumulative incidence" 10000000 "$ci" "R cuminc" "$(echo "$line" | cut -d, -f3)"
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# the targets of issue #18, met or not, in this run: the first process rows (the native binary when it was timed)
awk -F, '
  /^cox\+km whole process/ && !w { w = 1; printf "# target: cox+km whole process %.1fx R (at least 8x): %s\n", $6, ($6 >= 8 ? "met" : "NOT met") }
  /^peak resident set/ && !m { m = 1; printf "# target: peak resident set of cox %d MB (at most 250 MB): %s\n", $2, ($2 <= 250 ? "met" : "NOT met") }
  /^cox fit / { printf "# target: %s %.1fx coxph (at least 15x): %s\n", $1, $6, ($6 >= 15 ? "met" : "NOT met") }' "$out/targets.csv" >&2
rm -rf "$out"
