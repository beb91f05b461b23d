# Times R's multi-state survfit on the data of MultiStateBenchmarks.cs (same doubles, no random numbers).
# Usage: Rscript multistate_bench.R [--reps=1]   Prints "task,transitions,elapsed_seconds,cpu_seconds" lines (best of
# the repetitions); on a shared machine the CPU time (user + system) is the steadier of the two.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(TRUE)
reps <- as.integer(sub("--reps=", "", grep("^--reps=", args, value = TRUE)[1])); if (is.na(reps)) reps <- 1
build <- function(transitions) {
  subjects <- as.integer(transitions / 2.5)
  i <- 0:(subjects - 1)
  k <- 1 + i %% 4
  absorbed <- i %% 3 == 0
  rows <- ifelse(absorbed, k, k + 1)
  id <- rep(i, rows)
  j <- sequence(rows) - 1
  kk <- rep(k, rows); ab <- rep(absorbed, rows)
  dur <- 10 + (7919 * id + 104729 * j) %% 997          # exact in doubles (< 2^53)
  stopt <- ave(dur, id, FUN = cumsum)
  startt <- stopt - dur
  # state entered: a <-> b alternation starting from a, c for the last transition of an absorbed subject, none after k
  to <- ifelse(j >= kk, "", ifelse(ab & j == kk - 1, "c", ifelse(j %% 2 == 0, "b", "a")))
  d <- data.frame(id = id, tstart = startt / 10, tstop = stopt / 10, st = factor(ifelse(to == "", "censor", to), c("censor", "a", "b", "c")))
  d[order(d$id, d$tstart), ]
}
time_it <- function(f) {
  best <- c(Inf, Inf)
  for (r in seq_len(reps)) {
    t0 <- proc.time(); f(); t1 <- proc.time() - t0
    if (t1[["elapsed"]] < best[1]) best <- c(t1[["elapsed"]], t1[["user.self"]] + t1[["sys.self"]])
  }
  sprintf("%.3f,%.3f", best[1], best[2])
}
for (n in c(1e5, 1e6)) {
  d <- build(n)
  stopifnot(sum(d$st != "censor") == n)
  cat(sprintf("estimate,%d,%s\n", as.integer(n), time_it(function() survfit(Surv(tstart, tstop, st) ~ 1, data = d, id = id, se.fit = FALSE))))
  if (n <= 1e5)
    cat(sprintf("with_se,%d,%s\n", as.integer(n), time_it(function() survfit(Surv(tstart, tstop, st) ~ 1, data = d, id = id))))
}
# A check that R and C# hold the same data: rows, transitions and the sum of the stop times at 10^5.
d <- build(1e5); cat(sprintf("check,%d,%d,%.1f\n", nrow(d), sum(d$st != "censor"), sum(d$tstop)))
