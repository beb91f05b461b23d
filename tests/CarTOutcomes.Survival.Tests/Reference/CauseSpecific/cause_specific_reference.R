# cause_specific_reference.R -- R reference values for cause-specific Cox models (CauseSpecificCox).
# Run from this folder: Rscript cause_specific_reference.R
# Input: ../CompetingRisks/input_bmt.csv (written by cr_reference.R from KMsurv::bmt; cause 1 = relapse,
# cause 2 = death in remission) and ../CompetingRisks/input_ties.csv.
# Output: cause_specific.csv with one row per (case, term): coef, se, p, loglik, iterations.
suppressPackageStartupMessages(library(survival))
bmtd <- read.csv("../CompetingRisks/input_bmt.csv")
ties <- read.csv("../CompetingRisks/input_ties.csv")
f17 <- function(x) ifelse(is.na(x), "NA", formatC(x, digits = 17, format = "g"))
rows <- list()
one <- function(case, fit) {
  s <- summary(fit)$coefficients
  rows[[length(rows) + 1]] <<- data.frame(case = case, term = rownames(s), coef = f17(s[, "coef"]),
    se = f17(s[, "se(coef)"]), p = f17(s[, "Pr(>|z|)"]), loglik = f17(fit$loglik[2]), iter = fit$iter)
}
one("bmt_relapse_efron", coxph(Surv(time, status == 1) ~ age + donorage + fab + mtx, data = bmtd))
one("bmt_death_efron", coxph(Surv(time, status == 2) ~ age + donorage + fab + mtx, data = bmtd))
one("bmt_relapse_breslow", coxph(Surv(time, status == 1) ~ age + fab, data = bmtd, ties = "breslow"))
one("ties_cause1", coxph(Surv(time, status == 1) ~ x1 + x2, data = ties))
one("ties_cause2_entry", coxph(Surv(entry, time, status == 2) ~ x1 + x2, data = ties))
out <- do.call(rbind, rows)
write.csv(out, "cause_specific.csv", row.names = FALSE, quote = FALSE)
writeLines(c(R.version.string, paste("survival", packageVersion("survival"))), "r_versions.txt")
