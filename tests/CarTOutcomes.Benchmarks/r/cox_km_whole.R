# The R side of the whole-process comparison (issue #18): read the CSV with data.table::fread, fit coxph (Efron,
# x1..x10) and survfit (Kaplan-Meier), as cartoutcomes cox + km do. Timed from outside as a whole Rscript process by
# compare-with-r.sh; also prints the time of each step. Usage: Rscript cox_km_whole.R file.csv
suppressPackageStartupMessages({ library(data.table); library(survival) })
f <- commandArgs(TRUE)[1]
t_read <- system.time(d <- fread(f))[["elapsed"]]
t_cox <- system.time(fit <- coxph(Surv(time, status) ~ x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10, data = d))[["elapsed"]]
t_km <- system.time(km <- survfit(Surv(time, status) ~ 1, data = d))[["elapsed"]]
cat(sprintf("fread=%.2f coxph=%.2f survfit=%.2f loglik=%.6f\n", t_read, t_cox, t_km, fit$loglik[2]))
