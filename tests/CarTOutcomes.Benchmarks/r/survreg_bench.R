# Times R's survreg (Weibull AFT, 10 covariates) on the data of ParametricBenchmarks.cs / CoxBenchmarks.cs (same
# integer formulas). Run: Rscript survreg_bench.R [n ...] [--reps=3]   (default n = 1e6)
# Prints "weibull_aft,n,seconds,loglik,iter" (seconds: the median elapsed time of the repetitions).
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
reps <- 3
if (any(grepl("^--reps=", args))) { reps <- as.integer(sub("^--reps=", "", args[grepl("^--reps=", args)])); args <- args[!grepl("^--reps=", args)] }
ns <- if (length(args)) as.numeric(args) else 1e6
make <- function(n) {
  i <- as.double(1:n)
  a <- c(7919, 104723, 3571, 65537, 49157, 12289, 24593, 786433, 6151, 196613)
  m <- c(1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051, 1061)
  b <- c(0.3, -0.2, 0.1, 0.5, -0.4, 0.2, 0, 0.15, -0.1, 0.25)
  x <- sapply(1:10, function(j) ((i * a[j] + 17 * (j - 1)) %% m[j]) / m[j] - 0.5)
  colnames(x) <- paste0("x", 1:10)
  lp <- drop(x %*% b)
  u <- ((i * 40503) %% 65521 + 1) / 65522
  data.frame(time = ceiling(1000 * u * exp(-lp)), status = as.numeric((i * 104729) %% 10 < 7), x)
}
cat("#", R.version.string, "survival", as.character(packageVersion("survival")), "\n")
for (n in ns) {
  d <- make(n)
  times <- numeric(reps)
  for (k in seq_len(reps)) times[k] <- system.time(fit <- survreg(Surv(time, status) ~ ., data = d, dist = "weibull"))["elapsed"]
  cat(sprintf("weibull_aft,%d,%.3f,%.6f,%d\n", n, median(times), fit$loglik[2], fit$iter))
}
