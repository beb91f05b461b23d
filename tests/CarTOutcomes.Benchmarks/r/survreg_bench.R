# Times R's survreg (Weibull AFT, 10 covariates) on the data of ParametricBenchmarks.cs / CoxBenchmarks.cs (same
# integer formulas). Run: Rscript survreg_bench.R [n ...] [--reps=3]   (default n = 1e6)
# Prints "weibull_aft,n,seconds,loglik,iter" (seconds: the median elapsed time of the repetitions).
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
reps <- 3
if (any(grepl("^--reps=", args))) { reps <- as.integer(sub("^--reps=", "", args[grepl("^--reps=", args)])); args <- args[!grepl("^--reps=", args)] }
ns <- if (length(args)) as.numeric(args) else 1e6
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
source(file.path(here, "bench_data.R"))
make <- bench_data
cat("#", R.version.string, "survival", as.character(packageVersion("survival")), "\n")
for (n in ns) {
  d <- make(n)
  times <- numeric(reps)
  for (k in seq_len(reps)) times[k] <- system.time(fit <- survreg(Surv(time, status) ~ ., data = d, dist = "weibull"))["elapsed"]
  cat(sprintf("weibull_aft,%d,%.3f,%.6f,%d\n", n, median(times), fit$loglik[2], fit$iter))
}
