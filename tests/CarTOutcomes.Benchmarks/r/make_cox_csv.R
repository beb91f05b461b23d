# Writes the Cox benchmark data (the rows of CoxBenchmarks.cs / cox_bench.R, built from integer arithmetic only)
# as a CSV file: time,status,x1..x10, covariates rounded to 4 decimals (about 80 bytes a row: 80 MB at n = 10^6).
# Usage: Rscript make_cox_csv.R n out.csv
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
n <- as.numeric(args[1]); out <- args[2]
i <- as.double(1:n)
a <- c(7919, 104723, 3571, 65537, 49157, 12289, 24593, 786433, 6151, 196613)
m <- c(1009, 1013, 1019, 1021, 1031, 1033, 1039, 1049, 1051, 1061)
b <- c(0.3, -0.2, 0.1, 0.5, -0.4, 0.2, 0, 0.15, -0.1, 0.25)
x <- sapply(1:10, function(j) ((i * a[j] + 17 * (j - 1)) %% m[j]) / m[j] - 0.5)
colnames(x) <- paste0("x", 1:10)
lp <- drop(x %*% b)
u <- ((i * 40503) %% 65521 + 1) / 65522
d <- data.table(time = ceiling(1000 * u * exp(-lp)), status = as.integer((i * 104729) %% 10 < 7), round(x, 4))
fwrite(d, out)
