# Reference values of the regression table's per-term P (issue #14): the Wald test of all coefficients of a factor,
# X^2 = b' V^-1 b on k df, for coxph on survival::lung (the copy in tests/CarTOutcomes.Survival.Tests/Reference/Cox).
# Run from this folder: Rscript regression_table_reference.R
library(survival)
lung <- read.csv("../../../CarTOutcomes.Survival.Tests/Reference/Cox/lung.csv")
d <- na.omit(lung[, c("time", "status", "age", "sex", "ph_ecog")])
d$ecog <- factor(d$ph_ecog)
fit <- coxph(Surv(time, status) ~ age + factor(sex) + ecog, data = d, ties = "efron")
wald <- function(fit, idx) {
  b <- coef(fit)[idx]; V <- vcov(fit)[idx, idx, drop = FALSE]
  x <- as.numeric(t(b) %*% solve(V) %*% b)
  c(chisq = x, df = length(idx), p = pchisq(x, length(idx), lower.tail = FALSE))
}
ecog <- grep("^ecog", names(coef(fit)))
out <- rbind(
  data.frame(term = "ecog", t(wald(fit, ecog))),
  data.frame(term = "age", t(wald(fit, 1))))
s <- summary(fit)$conf.int
coefs <- data.frame(name = rownames(s), hr = s[, "exp(coef)"], lower = s[, "lower .95"], upper = s[, "upper .95"],
                    p = summary(fit)$coefficients[, "Pr(>|z|)"])
write.csv(out, "wald_terms.csv", row.names = FALSE)
write.csv(coefs, "lung_coefficients.csv", row.names = FALSE)
writeLines(c(R.version.string, paste("survival", packageVersion("survival")), paste("n =", nrow(d), "events =", sum(d$status))), "r_versions.txt")
