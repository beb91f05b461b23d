# Times R's coxph on the data of CoxBenchmarks.cs (same integer formulas). Run: Rscript cox_bench.R [n ...]
# (default 1e5 1e6); each fit also prints a line "coxph-<ties>,n,seconds" for compare-with-r.sh.
suppressPackageStartupMessages(library(survival))
make <- function(n) {
  i <- as.double(1:n)
  a <- c(7919, 104723, 3571, 65537, 49157, 12289, 24593, 786433, 6151, 196613)
  m <- c(1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051, 1061)
  b <- c(0.3, -0.2, 0.1, 0.5, -0.4, 0.2, 0, 0.15, -0.1, 0.25)
  x <- sapply(1:10, function(j) ((i * a[j] + 17 * (j - 1)) %% m[j]) / m[j] - 0.5)
  colnames(x) <- paste0("x", 1:10)
  lp <- drop(x %*% b)
  u <- ((i * 40503) %% 65521 + 1) / 65522
  d <- data.frame(time = ceiling(1000 * u * exp(-lp)), status = as.numeric((i * 104729) %% 10 < 7), x)
  d
}
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
