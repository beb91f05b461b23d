# Times cmprsk::crr on the data of FineGrayBenchmarks.Generate (same formula) at n = 2,000 and 10,000.
# Run: Rscript crr_bench.R   (R 4.2.2, cmprsk 2.2-11). Prints coefficients so the C# fit can be compared.
suppressMessages(library(cmprsk))
gen <- function(n) {
  i <- seq_len(n); fr <- function(v) v - floor(v)
  u1 <- fr(i * 0.6180339887498949); u2 <- fr(i * 0.7548776662466927)
  u3 <- fr(i * 0.5698402909980532); u4 <- fr(i * 0.3247179572447460)
  x <- cbind(x1 = u2 - 0.5, x2 = i %% 2, x3 = u3)
  list(time = round(-log(1 - u1) * exp(-0.5 * x[, 1]), 4), status = floor(3 * u4), x = x)
}
# variance = FALSE times the Newton iterations alone (O(n^2) each); variance = TRUE adds crr's sandwich variance,
# which is far costlier (its censoring term loops over all rows for every censoring time).
args <- commandArgs(TRUE)
ns <- if (length(args)) as.numeric(args) else c(2000, 10000)
for (n in ns) {
  d <- gen(n)
  tm0 <- system.time(fit0 <- crr(d$time, d$status, d$x, variance = FALSE))
  cat(sprintf("n=%d variance=FALSE elapsed=%.2f s converged=%s\n", n, tm0[["elapsed"]], fit0$converged))
  print(signif(fit0$coef, 10))
  tm <- system.time(fit <- crr(d$time, d$status, d$x))
  cat(sprintf("n=%d variance=TRUE elapsed=%.2f s\n", n, tm[["elapsed"]]))
  print(signif(cbind(coef = fit$coef, se = sqrt(diag(fit$var))), 10))
}
