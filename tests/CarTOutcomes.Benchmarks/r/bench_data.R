# The benchmark data of BenchmarkData.Create (tests/CarTOutcomes.Benchmarks/CoxBenchmarks.cs), built from integer
# arithmetic only so that R and C# make the same rows. Sourced by cox_bench.R, survreg_bench.R and make_cox_csv.R.
# Row i = 1..n: x_j = ((i a_j + 17 (j-1)) mod m_j)/m_j - 0.5; u = ((i 40503) mod 65521 + 1)/65522;
# time = ceiling(1000 u exp(-sum b_j x_j)); status = 1 when (i 104729) mod 10 < 7.
bench_data <- function(n) {
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
