# Times R's coxph on the data of CoxBenchmarks.cs (same integer formulas). Run: Rscript cox_bench.R [n ...]
# (default 1e5 1e6); each fit also prints a line "coxph-<ties>,n,seconds" for compare-with-r.sh.
suppressPackageStartupMessages(library(survival))
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
source(file.path(here, "bench_data.R"))
make <- bench_data
cat(R.version.string, "survival", as.character(packageVersion("survival")), "\n")
ns <- if (length(commandArgs(TRUE))) as.numeric(commandArgs(TRUE)) else c(1e5, 1e6)
for (n in ns) {
  d <- make(n)
  for (ties in c("efron", "breslow")) {
    t <- system.time(fit <- coxph(Surv(time, status) ~ ., data = d, ties = ties))["elapsed"]
    cat(sprintf("n=%d ties=%s elapsed=%.2f s loglik=%.6f iter=%d\n", n, ties, t, fit$loglik[2], fit$iter))
    cat(sprintf("coxph-%s,%d,%.3f\n", ties, n, t))
  }
}
