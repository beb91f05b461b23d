# Reference values for the Cox engine (tests/CarTOutcomes.Survival.Tests/Cox).
# Run from this folder:  Rscript cox_reference.R
# Made with R 4.2.2, survival 3.5-3 (Debian packages). Inputs are written at 17 significant digits so that
# the C# tests fit exactly the numbers R fitted.
suppressPackageStartupMessages(library(survival))
stopifnot(packageVersion("survival") >= "3.5")
num <- function(df) { df[] <- lapply(df, function(c) if (is.numeric(c)) ifelse(is.na(c), "NA", sprintf("%.17g", c)) else c); df }
out <- function(df, file) write.csv(num(df), file, row.names = FALSE, quote = FALSE)

# ---- input data ------------------------------------------------------------------------------------------
lung2 <- na.omit(survival::lung[, c("time", "status", "age", "sex", "ph.ecog", "ph.karno", "wt.loss")])
lung2$status <- lung2$status - 1
names(lung2) <- c("time", "status", "age", "sex", "ph_ecog", "ph_karno", "wt_loss")
out(lung2, "lung.csv")

vet <- survival::veteran
vet2 <- data.frame(time = vet$time, status = vet$status, trt = vet$trt, karno = vet$karno, age = vet$age,
                   diagtime = vet$diagtime, prior = vet$prior,
                   smallcell = as.numeric(vet$celltype == "smallcell"),
                   adeno = as.numeric(vet$celltype == "adeno"), large = as.numeric(vet$celltype == "large"))
out(vet2, "veteran.csv")

pbc <- survival::pbc[1:312, ]
pbc2 <- data.frame(time = pbc$time, status = as.numeric(pbc$status == 2), age = pbc$age, edema = pbc$edema,
                   logbili = log(pbc$bili), logalb = log(pbc$albumin), logprotime = log(pbc$protime))
pbc2 <- na.omit(pbc2)
out(pbc2, "pbc.csv")

hrt <- survival::heart
heart2 <- data.frame(id = hrt$id, start = hrt$start, stop = hrt$stop, event = hrt$event, age = hrt$age,
                     year = hrt$year, surgery = hrt$surgery, transplant = as.numeric(as.character(hrt$transplant)))
out(heart2, "heart.csv")

# Synthetic: 80 clusters of 5 rows, integer times 1..12 (heavy ties), 3 strata, case weights, an offset.
set.seed(20261127)
n <- 400
syn <- data.frame(id = rep(1:80, each = 5), s = sample(c("a", "b", "c"), n, replace = TRUE),
                  x1 = round(rnorm(n), 3), x2 = rbinom(n, 1, 0.4), x3 = round(runif(n, 0, 10), 2))
u <- rep(rnorm(80, sd = 0.5), each = 5)
lin <- 0.5 * syn$x1 - 0.7 * syn$x2 + 0.1 * syn$x3 + u
tt <- rexp(n, 0.15 * exp(lin)); cc <- runif(n, 2, 14)
syn$time <- pmin(ceiling(pmin(tt, cc)), 12)
syn$status <- as.numeric(tt <= cc & ceiling(tt) <= 12)
syn$w <- c(1, 2, 0.5, 1.5)[(1:n) %% 4 + 1]
syn$off <- round(0.2 * sin(1:n), 4)
syn$x4 <- syn$x1 + 2 * syn$x2          # collinear with x1, x2
syn$start <- pmax(0, syn$time - 1 - (1:n) %% 4)   # delayed entry for a counting-process version
out(syn, "synthetic.csv")

# Monotone likelihood: every event has the largest x in its risk set, so beta(x) runs to +infinity.
mono <- data.frame(time = 1:20, status = c(rep(1, 10), rep(c(1, 0), 5)), x = c(rep(1, 10), rep(0, 10)),
                   z = round(sin(1:20), 4))
out(mono, "monotone.csv")

# ---- models ------------------------------------------------------------------------------------------------
models <- list(
  lung_efron   = function() coxph(Surv(time, status) ~ age + sex + ph_ecog + ph_karno + wt_loss, data = lung2),
  lung_breslow = function() coxph(Surv(time, status) ~ age + sex + ph_ecog + ph_karno + wt_loss, data = lung2, ties = "breslow"),
  veteran_efron = function() coxph(Surv(time, status) ~ trt + karno + age + diagtime + prior + smallcell + adeno + large, data = vet2),
  veteran_breslow = function() coxph(Surv(time, status) ~ trt + karno + age + diagtime + prior + smallcell + adeno + large, data = vet2, ties = "breslow"),
  pbc_efron    = function() coxph(Surv(time, status) ~ age + edema + logbili + logalb + logprotime, data = pbc2),
  heart_efron  = function() coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart2, cluster = id),
  heart_breslow = function() coxph(Surv(start, stop, event) ~ age + year + surgery + transplant, data = heart2, ties = "breslow"),
  syn_efron    = function() coxph(Surv(time, status) ~ x1 + x2 + x3 + strata(s), data = syn, cluster = id),
  syn_breslow  = function() coxph(Surv(time, status) ~ x1 + x2 + x3 + strata(s), data = syn, cluster = id, ties = "breslow"),
  syn_wt_off   = function() coxph(Surv(time, status) ~ x1 + x2 + x3 + offset(off), data = syn, weights = w),
  syn_cp_efron = function() coxph(Surv(start, time, status) ~ x1 + x2 + x3 + strata(s), data = syn, cluster = id),
  syn_cp_breslow = function() coxph(Surv(start, time, status) ~ x1 + x2 + x3 + strata(s), data = syn, cluster = id, ties = "breslow"),
  syn_collinear = function() coxph(Surv(time, status) ~ x1 + x2 + x4, data = syn),
  monotone     = function() coxph(Surv(time, status) ~ x + z, data = mono)
)

coefs <- list(); summ <- list(); warns <- list(); fits <- list()
for (m in names(models)) {
  w <- character(0)
  fit <- withCallingHandlers(models[[m]](), warning = function(c) { w <<- c(w, conditionMessage(c)); invokeRestart("muffleWarning") })
  fits[[m]] <- fit
  b <- coef(fit); nv <- sqrt(diag(if (is.null(fit$naive.var)) fit$var else fit$naive.var))
  rv <- if (is.null(fit$naive.var)) rep(NA, length(b)) else sqrt(diag(fit$var))
  s <- summary(fit)$coefficients; ci <- summary(fit, conf.int = 0.9)$conf.int
  z <- b / sqrt(diag(fit$var)); nv[is.na(b)] <- NA; rv[is.na(b)] <- NA
  coefs[[m]] <- data.frame(model = m, term = names(b), coef = b, se = nv, robust_se = rv, z = z,
                           p = 2 * pnorm(-abs(z)), lower90 = ci[, 3], upper90 = ci[, 4])
  sf <- summary(fit)
  summ[[m]] <- data.frame(model = m, n = fit$n, nevent = fit$nevent, loglik0 = fit$loglik[1], loglik = fit$loglik[2],
                          lr = sf$logtest["test"], lr_df = sf$logtest["df"], wald = fit$wald.test,
                          score = fit$score, robust_score = if (is.null(fit$rscore)) NA else fit$rscore,
                          concordance = fit$concordance["concordance"], iter = fit$iter)
  warns[[m]] <- data.frame(model = m, warning = if (length(w)) gsub(",", ";", trimws(w)) else "none")
}
out(do.call(rbind, coefs), "cox_coefficients.csv")
out(do.call(rbind, summ), "cox_summary.csv")
out(do.call(rbind, warns), "cox_warnings.csv")

# ---- residuals ---------------------------------------------------------------------------------------------
res <- list()
for (m in c("lung_efron", "lung_breslow", "veteran_efron", "heart_efron", "heart_breslow", "syn_efron", "syn_breslow", "syn_wt_off", "syn_cp_efron")) {
  fit <- fits[[m]]; d <- fit$y; n <- nrow(d); ny <- ncol(d); status <- d[, ny]
  for (ty in c("martingale", "deviance")) res[[paste(m, ty)]] <- data.frame(model = m, type = ty, row = 1:n, term = "", value = residuals(fit, type = ty))
  for (ty in c("score", "dfbeta")) {
    r <- residuals(fit, type = ty)
    res[[paste(m, ty)]] <- data.frame(model = m, type = ty, row = rep(1:n, ncol(r)), term = rep(names(coef(fit)), each = n), value = c(r))
  }
  mf <- model.frame(fit); sname <- grep("^strata\\(", names(mf), value = TRUE)
  st <- if (length(sname) == 0) NULL else as.integer(mf[[sname]])
  ord <- if (is.null(st)) order(d[, ny - 1], -status) else order(st, d[, ny - 1], -status)
  rows <- ord[status[ord] == 1]
  for (ty in c("schoenfeld", "scaledsch")) {
    r <- as.matrix(residuals(fit, type = ty))
    res[[paste(m, ty)]] <- data.frame(model = m, type = ty, row = rep(rows, ncol(r)), term = rep(names(coef(fit)), each = nrow(r)), value = c(r))
  }
}
out(do.call(rbind, res), "cox_residuals.csv")

# ---- cox.zph ------------------------------------------------------------------------------------------------
zz <- list()
for (m in c("lung_efron", "lung_breslow", "veteran_efron", "pbc_efron", "heart_efron", "syn_efron", "syn_wt_off", "syn_cp_efron")) {
  for (tr in c("km", "rank", "identity", "log")) {
    z <- cox.zph(fits[[m]], transform = tr)
    zz[[paste(m, tr)]] <- data.frame(model = m, transform = tr, term = rownames(z$table), chisq = z$table[, "chisq"],
                                     df = z$table[, "df"], p = z$table[, "p"])
  }
}
out(do.call(rbind, zz), "cox_zph.csv")

# ---- survfit.coxph ------------------------------------------------------------------------------------------
sv <- list()
nd <- list(lung_efron = data.frame(age = 60, sex = 2, ph_ecog = 1, ph_karno = 80, wt_loss = 5),
           lung_breslow = data.frame(age = 60, sex = 2, ph_ecog = 1, ph_karno = 80, wt_loss = 5),
           veteran_efron = data.frame(trt = 1, karno = 60, age = 58, diagtime = 5, prior = 0, smallcell = 1, adeno = 0, large = 0),
           heart_efron = data.frame(age = -5, year = 3, surgery = 0, transplant = 1),
           syn_efron = data.frame(x1 = 0.5, x2 = 1, x3 = 4))
for (m in names(nd)) {
  s <- survfit(fits[[m]], newdata = nd[[m]], conf.int = 0.95)
  strata <- if (is.null(s$strata)) rep("", length(s$time)) else rep(sub("s=", "", names(s$strata)), s$strata)
  sv[[m]] <- data.frame(model = m, strata = strata, time = s$time, n_risk = s$n.risk, n_event = s$n.event,
                        cumhaz = s$cumhaz, surv = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper)
}
out(do.call(rbind, sv), "cox_survfit.csv")
cat("done\n")
