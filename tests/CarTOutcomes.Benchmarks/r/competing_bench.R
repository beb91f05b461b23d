# R side of the competing-risks timings (issue #18), on the rows of FineGrayBenchmarks.Generate (same formula as
# crr_bench.R). Prints "task,n,seconds" lines. Usage: Rscript competing_bench.R finegray N | cuminc N | crr N
suppressPackageStartupMessages({ library(survival); library(cmprsk) })
gen <- function(n) {
  i <- seq_len(n); fr <- function(v) v - floor(v)
  u1 <- fr(i * 0.6180339887498949); u2 <- fr(i * 0.7548776662466927)
  u3 <- fr(i * 0.5698402909980532); u4 <- fr(i * 0.3247179572447460)
  data.frame(x1 = u2 - 0.5, x2 = i %% 2, x3 = u3,
             time = round(-log(1 - u1) * exp(-0.5 * (u2 - 0.5)), 4), status = floor(3 * u4))
}
a <- commandArgs(TRUE); task <- a[1]; n <- as.numeric(a[2])
d <- gen(n)
if (task == "finegray") {
  # finegray() expands each competing-event row over the later censoring times; its size decides whether this can run
  t <- system.time({
    d$ev <- factor(d$status, 0:2, c("censor", "cause1", "cause2"))
    fg <- finegray(Surv(time, ev) ~ ., data = d, etype = "cause1")
    fit <- coxph(Surv(fgstart, fgstop, fgstatus) ~ x1 + x2 + x3, weights = fgwt, data = fg)
  })[["elapsed"]]
  cat(sprintf("finegray,%d,%.3f,%d\n", n, t, nrow(fg)))
} else if (task == "cuminc") {
  t <- system.time(ci <- cuminc(d$time, d$status, cencode = 0))[["elapsed"]]
  cat(sprintf("cuminc,%d,%.3f\n", n, t))
} else if (task == "crr") {
  t <- system.time(fit <- crr(d$time, d$status, as.matrix(d[, c("x1", "x2", "x3")])))[["elapsed"]]
  cat(sprintf("crr,%d,%.3f\n", n, t))
}
