# km_logrank_bench.R -- how long R's survival takes for a Kaplan-Meier fit and
# a log-rank test on large data, to compare with the C# benchmarks.
#
# Usage:   Rscript km_logrank_bench.R [n ...] [--reps=R]
#          (default: n = 1e6 and 1e7, 3 repetitions each)
# Prints one CSV line per (task, n):   task,n,seconds
# where seconds is the median elapsed ("wall") time of the repetitions.
#
# The data are generated WITHOUT R's random number generator so that the
# C# benchmark can build bit-identical data.  For row i = 0, 1, ..., n-1:
#   time   = 1 + ((i * 7919) mod 10007) / 10        (a double in [1, 1001.6])
#   status = 1 if ((i * 104729) mod 7) < 5, else 0  (about 5/7 events)
#   group  = i mod 3, as a factor with levels "0", "1", "2"
# All of it is exact in doubles: i * 104729 < 1.1e12 < 2^53 for n <= 1e7,
# the mod of two integer-valued doubles is exact, and x / 10 and 1 + x are
# single correctly rounded IEEE operations (C#: 1.0 + (i * 7919L % 10007) / 10.0).
#
# Tasks timed:
#   km       survfit(Surv(time, status) ~ 1)
#   logrank  survdiff(Surv(time, status) ~ group)

suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
reps <- 3L
rep_arg <- grep("^--reps=", args, value = TRUE)
if (length(rep_arg) > 0) reps <- as.integer(sub("^--reps=", "", rep_arg[1]))
ns <- as.numeric(args[!grepl("^--", args)])
if (length(ns) == 0) ns <- c(1e6, 1e7)

make_data <- function(n) {
  i <- seq(0, n - 1)                           # doubles
  data.frame(time = 1 + ((i * 7919) %% 10007) / 10,
             status = as.integer(((i * 104729) %% 7) < 5),
             group = factor(i %% 3, levels = 0:2))
}

time_task <- function(expr_fun) {
  secs <- numeric(reps)
  for (r in seq_len(reps)) {
    gc()
    secs[r] <- system.time(expr_fun())[["elapsed"]]
  }
  median(secs)
}

cat("task,n,seconds\n")
for (n in ns) {
  d <- make_data(n)
  # A few values the C# side can assert to be sure its data are the same.
  message(sprintf("n=%.0f: sum(time)=%.17g events=%d last time=%.17g",
                  n, sum(d$time), sum(d$status), d$time[n]))
  s_km <- time_task(function() survfit(Surv(time, status) ~ 1, data = d))
  cat(sprintf("km,%.0f,%.3f\n", n, s_km))
  s_lr <- time_task(function() survdiff(Surv(time, status) ~ group, data = d))
  cat(sprintf("logrank,%.0f,%.3f\n", n, s_lr))
  rm(d); gc()
}
