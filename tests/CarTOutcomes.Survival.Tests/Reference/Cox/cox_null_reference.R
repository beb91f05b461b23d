# Reference values for the null Cox model (no covariate: Surv(...) ~ 1, ~ strata(g), ~ offset(o)) and for the subject
# id of coxph (id = id: the robust variance R switches on when a subject has more than one event).
# Run from this folder:  Rscript cox_null_reference.R
# Made with R 4.2.2, survival 3.5-3 (versions written to cox_null_r_versions.txt). Inputs are written at 17 significant
# digits and every model is fitted on the data read back from those CSVs, so R sees what the C# tests read.
suppressPackageStartupMessages(library(survival))
stopifnot(packageVersion("survival") >= "3.5")
num <- function(df) { df[] <- lapply(df, function(c) if (is.numeric(c)) ifelse(is.na(c), "NA", sprintf("%.17g", c)) else c); df }
# RFC 4180: a text value holding a comma (a formula, a stratum "celltype=adeno, trt=1") is quoted; the rest stays bare
out <- function(df, file) {
  txt <- which(!vapply(df, function(c) is.numeric(c) || is.logical(c), TRUE))
  d <- num(df)
  for (j in txt) d[[j]] <- ifelse(is.na(d[[j]]), "NA", ifelse(grepl('[",]', d[[j]]), paste0('"', gsub('"', '""', d[[j]]), '"'), d[[j]]))
  write.table(d, file, sep = ",", row.names = FALSE, col.names = TRUE, quote = FALSE, na = "NA")
}
rd <- function(file) read.csv(file, stringsAsFactors = FALSE)
writeLines(c(R.version.string, paste("survival", packageVersion("survival"))), "cox_null_r_versions.txt")

# ---- input data (R's names with '.' written as '_') --------------------------------------------------------------
lung <- survival::lung[, c("time", "status", "sex", "age", "ph.ecog", "inst")]    # status 1/2, NAs kept
names(lung) <- c("time", "status", "sex", "age", "ph_ecog", "inst")
out(lung, "null_lung.csv")
vet <- survival::veteran
out(data.frame(time = vet$time, status = vet$status, trt = vet$trt, celltype = as.character(vet$celltype),
               karno = vet$karno), "null_veteran.csv")
hrt <- survival::heart
out(data.frame(id = hrt$id, start = hrt$start, stop = hrt$stop, event = hrt$event, age = hrt$age,
               surgery = hrt$surgery, transplant = as.numeric(as.character(hrt$transplant))), "null_heart.csv")
# bladder2: recurrent events in (start, stop] form, up to 4 events per subject (the id question)
bl <- survival::bladder2
out(data.frame(id = bl$id, start = bl$start, stop = bl$stop, event = bl$event, rx = bl$rx, number = bl$number,
               size = bl$size), "null_bladder.csv")
lung <- rd("null_lung.csv"); vet <- rd("null_veteran.csv"); hrt <- rd("null_heart.csv"); bl <- rd("null_bladder.csv")

# ---- null models: fit$loglik (one value), n, nevent; the nested model whose loglik[1] the null model must equal ----
models <- list(
  lung_efron        = list(Surv(time, status) ~ 1, lung, "efron", Surv(time, status) ~ age),
  lung_breslow      = list(Surv(time, status) ~ 1, lung, "breslow", Surv(time, status) ~ age),
  lung_strata_efron = list(Surv(time, status) ~ strata(sex), lung, "efron", Surv(time, status) ~ age + strata(sex)),
  lung_strata_breslow = list(Surv(time, status) ~ strata(sex), lung, "breslow", Surv(time, status) ~ age + strata(sex)),
  lung_offset_efron = list(Surv(time, status) ~ offset(age / 100), lung, "efron", Surv(time, status) ~ sex + offset(age / 100)),
  veteran_efron     = list(Surv(time, status) ~ 1, vet, "efron", Surv(time, status) ~ karno),
  veteran_breslow   = list(Surv(time, status) ~ 1, vet, "breslow", Surv(time, status) ~ karno),
  veteran_strata_efron = list(Surv(time, status) ~ strata(celltype), vet, "efron", Surv(time, status) ~ karno + strata(celltype)),
  veteran_strata_breslow = list(Surv(time, status) ~ strata(celltype), vet, "breslow", Surv(time, status) ~ karno + strata(celltype)),
  veteran_strata2_efron = list(Surv(time, status) ~ strata(celltype, trt), vet, "efron", Surv(time, status) ~ karno + strata(celltype, trt)),
  heart_efron       = list(Surv(start, stop, event) ~ 1, hrt, "efron", Surv(start, stop, event) ~ age + transplant),
  heart_breslow     = list(Surv(start, stop, event) ~ 1, hrt, "breslow", Surv(start, stop, event) ~ age + transplant),
  heart_strata_efron = list(Surv(start, stop, event) ~ strata(surgery), hrt, "efron", Surv(start, stop, event) ~ age + transplant + strata(surgery)),
  heart_strata_breslow = list(Surv(start, stop, event) ~ strata(surgery), hrt, "breslow", Surv(start, stop, event) ~ age + transplant + strata(surgery)),
  bladder_efron     = list(Surv(start, stop, event) ~ 1, bl, "efron", Surv(start, stop, event) ~ rx + number + size)
)
fl <- function(f) paste(deparse(f, width.cutoff = 500L), collapse = "")
summ <- list(); sv <- list(); res <- list()
for (m in names(models)) {
  a <- models[[m]]
  fit <- coxph(a[[1]], data = a[[2]], ties = a[[3]])
  stopifnot(inherits(fit, "coxph.null"), length(fit$loglik) == 1)
  full <- coxph(a[[4]], data = a[[2]], ties = a[[3]])
  summ[[m]] <- data.frame(model = m, formula = fl(a[[1]]), ties = a[[3]], n = fit$n, nevent = fit$nevent,
                          loglik = fit$loglik, full_formula = fl(a[[4]]), full_loglik0 = full$loglik[1],
                          full_loglik = full$loglik[2], lr = anova(fit, full)[2, "Chisq"], lr_df = anova(fit, full)[2, "Df"])
  s <- survfit(fit, conf.int = 0.95)
  strata <- if (is.null(s$strata)) rep("", length(s$time)) else rep(names(s$strata), s$strata)
  sv[[m]] <- data.frame(model = m, strata = strata, time = s$time, n_risk = s$n.risk, n_event = s$n.event,
                        cumhaz = s$cumhaz, surv = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper)
  res[[m]] <- data.frame(model = m, row = seq_len(fit$n), martingale = residuals(fit, type = "martingale"),
                         deviance = residuals(fit, type = "deviance"))
}
out(do.call(rbind, summ), "cox_null.csv")
out(do.call(rbind, sv), "cox_null_survfit.csv")
out(do.call(rbind, res), "cox_null_residuals.csv")

# ---- id = id: does it change an estimate? ----------------------------------------------------------------------
# survival 3.5 coxph: robust defaults to TRUE when id is given and some id has more than one event (R's code:
# has.id && anyDuplicated(id[status == 1])); the cluster is then the id. Coefficients and the model-based variance
# are unchanged; the variance used for z, p, limits and the Wald test becomes the sandwich. heart (at most one event
# per subject) is unchanged by id; bladder2 (recurrent events) is not.
idm <- list(
  bladder_noid = coxph(Surv(start, stop, event) ~ rx + number + size, data = bl),
  bladder_id   = coxph(Surv(start, stop, event) ~ rx + number + size, data = bl, id = id),
  bladder_id_breslow = coxph(Surv(start, stop, event) ~ rx + number + size, data = bl, id = id, ties = "breslow"),
  bladder_id_norobust = coxph(Surv(start, stop, event) ~ rx + number + size, data = bl, id = id, robust = FALSE),
  heart_noid   = coxph(Surv(start, stop, event) ~ age + transplant, data = hrt),
  heart_id     = coxph(Surv(start, stop, event) ~ age + transplant, data = hrt, id = id)
)
co <- list(); su <- list()
for (m in names(idm)) {
  fit <- idm[[m]]; b <- coef(fit)
  nv <- sqrt(diag(if (is.null(fit$naive.var)) fit$var else fit$naive.var))
  rv <- if (is.null(fit$naive.var)) rep(NA, length(b)) else sqrt(diag(fit$var))
  z <- b / sqrt(diag(fit$var)); ci <- summary(fit)$conf.int
  co[[m]] <- data.frame(model = m, term = names(b), coef = b, se = nv, robust_se = rv, z = z, p = 2 * pnorm(-abs(z)),
                        lower95 = ci[, 3], upper95 = ci[, 4])
  su[[m]] <- data.frame(model = m, robust = !is.null(fit$naive.var), n = fit$n, nevent = fit$nevent,
                        loglik0 = fit$loglik[1], loglik = fit$loglik[2], wald = fit$wald.test, score = fit$score,
                        robust_score = if (is.null(fit$rscore)) NA else fit$rscore,
                        concordance = fit$concordance["concordance"])
}
out(do.call(rbind, co), "cox_id_coefficients.csv")
out(do.call(rbind, su), "cox_id_summary.csv")
cat("done\n")
