# Reference values for the competing-risks tests (tests/CarTOutcomes.Survival.Tests/CompetingRisks).
# Run from this folder:  Rscript cr_reference.R
# Made with R 4.2.2, survival 3.5-3, cmprsk 2.2-11, KMsurv 0.1-5. Numbers are written with 17 significant digits.
suppressMessages({library(cmprsk); library(survival); library(KMsurv)})
w <- function(x, f) write.csv(x, f, row.names = FALSE, quote = FALSE)
fmt <- function(d) { for (n in names(d)) if (is.double(d[[n]])) d[[n]] <- formatC(d[[n]], digits = 17, format = "g"); d }

## 1. Input data ---------------------------------------------------------------
# (a) cmprsk's cuminc example (man/cuminc.Rd), with the seed it uses.
set.seed(2)
ss <- rexp(100)
gg <- factor(sample(1:3, 100, replace = TRUE), 1:3, c('a', 'b', 'c'))
cc <- sample(0:2, 100, replace = TRUE)
strt <- sample(1:2, 100, replace = TRUE)
sim1 <- data.frame(time = ss, status = cc, group = as.character(gg), strata = strt)
# (b) cmprsk's crr example (man/crr.Rd), plus a censoring group.
set.seed(10)
ftime <- rexp(200)
fstatus <- sample(0:2, 200, replace = TRUE)
cov <- matrix(runif(600), nrow = 200)
cg <- sample(1:2, 200, replace = TRUE)
sim2 <- data.frame(time = ftime, status = fstatus, x1 = cov[, 1], x2 = cov[, 2], x3 = cov[, 3], cengroup = cg)
# (c) KMsurv::bmt: disease-free survival t2; cause 1 = relapse (d2), cause 2 = death in remission (d3 & !d2).
data(bmt)
bmtd <- data.frame(time = bmt$t2, status = ifelse(bmt$d2 == 1, 1, ifelse(bmt$d3 == 1, 2, 0)),
                   group = bmt$group, age = bmt$z1, donorage = bmt$z2, fab = bmt$z8, mtx = bmt$z10)
# (d) Synthetic: integer times 1..15 so that events of both causes and censorings share times;
#     entry times for delayed entry (entry < time).
set.seed(20260127)
n <- 160
tt <- sample(1:15, n, replace = TRUE)
st <- sample(0:2, n, replace = TRUE, prob = c(.3, .4, .3))
ties <- data.frame(time = tt, status = st, group = sample(c("A", "B"), n, replace = TRUE),
                   strata = sample(1:2, n, replace = TRUE),
                   entry = floor(runif(n) * tt * 0.8), x1 = round(rnorm(n), 2), x2 = rbinom(n, 1, .4))
w(fmt(sim1), "input_sim_cuminc.csv"); w(fmt(sim2), "input_sim_crr.csv")
w(fmt(bmtd), "input_bmt.csv"); w(fmt(ties), "input_ties.csv")
sim1 <- read.csv("input_sim_cuminc.csv"); sim2 <- read.csv("input_sim_crr.csv")
bmtd <- read.csv("input_bmt.csv"); ties <- read.csv("input_ties.csv")

## 2. cuminc curves, Gray tests, timepoints -----------------------------------------
curves <- NULL; tests <- NULL; tps <- NULL
one <- function(name, d, grouped, strata = NULL, tp) {
  fit <- if (!grouped) cuminc(d$time, d$status) else if (is.null(strata)) cuminc(d$time, d$status, d$group)
         else cuminc(d$time, d$status, d$group, strata)
  label <- paste0(name, if (grouped) "_grouped" else "", if (!is.null(strata)) "_strat" else "")
  nm <- setdiff(names(fit), "Tests")
  for (k in nm) {
    p <- fit[[k]]; parts <- strsplit(k, " ")[[1]]
    curves <<- rbind(curves, data.frame(case = label, group = if (grouped) parts[1] else "all", cause = parts[2],
                                        index = seq_along(p$time), time = p$time, est = p$est, var = p$var))
  }
  if (!is.null(fit$Tests)) {
    tt <- fit$Tests
    tests <<- rbind(tests, data.frame(case = label, cause = rownames(tt), stat = tt[, "stat"], p = tt[, "pv"], df = tt[, "df"]))
  }
  tpv <- timepoints(fit, tp)
  for (r in rownames(tpv$est)) {
    parts <- strsplit(r, " ")[[1]]
    tps <<- rbind(tps, data.frame(case = label, group = if (grouped) parts[1] else "all", cause = parts[2],
                                  time = as.numeric(colnames(tpv$est)), est = tpv$est[r, ], var = tpv$var[r, ]))
  }
}
one("sim", sim1, FALSE, tp = c(0.1, 0.5, 1, 2, 10))
one("sim", sim1, TRUE, tp = c(0.1, 0.5, 1, 2, 10))
one("sim", sim1, TRUE, sim1$strata, tp = c(0.5, 1))
one("bmt", bmtd, FALSE, tp = c(100, 365, 1000, 2640, 3000))
one("bmt", bmtd, TRUE, tp = c(100, 365, 1000))
one("bmt", bmtd, TRUE, bmtd$fab, tp = c(365))
one("ties", ties, FALSE, tp = c(0, 1, 5, 5.5, 15, 16))
one("ties", ties, TRUE, tp = c(1, 5, 15))
one("ties", ties, TRUE, ties$strata, tp = c(5))
# Gray test with rho = 1 (weight (1 - F(t-))^rho).
fit <- cuminc(sim1$time, sim1$status, sim1$group, rho = 1)
tests <- rbind(tests, data.frame(case = "sim_grouped_rho1", cause = rownames(fit$Tests), stat = fit$Tests[, "stat"],
                                 p = fit$Tests[, "pv"], df = fit$Tests[, "df"]))
w(fmt(curves), "cuminc_curves.csv"); w(fmt(tests), "gray_tests.csv"); w(fmt(tps), "cuminc_timepoints.csv")

## 3. Aalen-Johansen as survfit with a factor status (infinitesimal-jackknife std.err) -------
aj <- NULL
ajone <- function(label, fit) {
  st <- colnames(fit$pstate) <- fit$states
  for (j in seq_along(fit$states))
    aj <<- rbind(aj, data.frame(case = label, state = fit$states[j], time = fit$time, n_risk = fit$n.risk[, 1],
                                pstate = fit$pstate[, j], std_err = fit$std.err[, j]))
}
ajone("bmt", survfit(Surv(time, factor(status)) ~ 1, data = bmtd))
ajone("ties", survfit(Surv(time, factor(status)) ~ 1, data = ties, id = seq_len(nrow(ties))))
ajone("ties_entry", survfit(Surv(entry, time, factor(status)) ~ 1, data = ties, id = seq_len(nrow(ties))))
bmte <- transform(bmtd, entry = floor(time * ((seq_len(nrow(bmtd)) * 0.618034) %% 1) * 0.5))
ajone("bmt_entry", survfit(Surv(entry, time, factor(status)) ~ 1, data = bmte, id = seq_len(nrow(bmte))))
w(fmt(aj), "aj_survfit.csv")

## 4. Fine-Gray regression (crr) -------------------------------------------------------------
crrs <- NULL
crrone <- function(label, fit) {
  se <- sqrt(diag(fit$var))
  crrs <<- rbind(crrs, data.frame(case = label, term = gsub("[, ]", "", names(fit$coef)), coef = fit$coef, se = se,
                                  p = 2 * (1 - pnorm(abs(fit$coef) / se)), loglik = fit$loglik,
                                  loglik_null = fit$loglik.null, converged = fit$converged, n = fit$n))
}
X <- as.matrix(sim2[, c("x1", "x2", "x3")])
crrone("sim_cause1", crr(sim2$time, sim2$status, X))
crrone("sim_cause2", crr(sim2$time, sim2$status, X, failcode = 2))
crrone("sim_tf", crr(sim2$time, sim2$status, X, cbind(X[, 1], X[, 1]), function(Uft) cbind(Uft, Uft^2)))
crrone("sim_cengroup", crr(sim2$time, sim2$status, X, cengroup = sim2$cengroup))
B <- as.matrix(bmtd[, c("age", "donorage", "fab", "mtx")])
crrone("bmt_relapse", crr(bmtd$time, bmtd$status, B))
crrone("bmt_relapse_cengroup", crr(bmtd$time, bmtd$status, B, cengroup = bmtd$group))
crrone("bmt_death", crr(bmtd$time, bmtd$status, B, failcode = 2))
T <- as.matrix(ties[, c("x1", "x2")])
crrone("ties_cause1", crr(ties$time, ties$status, T))
crrone("ties_cause2_cengroup", crr(ties$time, ties$status, T, failcode = 2, cengroup = ties$group))
w(fmt(crrs), "crr_fits.csv")
