# Writes the Cox benchmark data (the rows of CoxBenchmarks.cs / cox_bench.R, built from integer arithmetic only)
# as a CSV file: time,status,x1..x10, covariates rounded to 4 decimals (about 80 bytes a row: 80 MB at n = 10^6).
# Usage: Rscript make_cox_csv.R n out.csv
suppressPackageStartupMessages(library(data.table))
args <- commandArgs(trailingOnly = TRUE)
n <- as.numeric(args[1]); out <- args[2]
here <- dirname(normalizePath(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))))
source(file.path(here, "bench_data.R"))
d <- bench_data(n)
d$status <- as.integer(d$status)
d[paste0("x", 1:10)] <- round(d[paste0("x", 1:10)], 4)
fwrite(d, out)
