# Reference values for the parametric engine (tests/CarTOutcomes.Survival.Tests/Parametric).
# Run from this folder:  Rscript parametric_reference.R
# Made with R 4.2.2, survival 3.5-3 (Debian packages); see r_versions.txt.
#
# Two kinds of reference:
#  * survreg (exponential, Weibull, log-normal, log-logistic AFT, with and without covariates and weights):
#    coefficients, Log(scale), standard errors and log-likelihood as survreg reports them.
#  * Everything else (Weibull PH, Gompertz, generalized gamma, mixture cure, delayed entry): flexsurv is not packaged,
#    so the log-likelihood is written out below from R's own densities (dweibull, dlnorm, dlogis, pgamma, ...) and
#    maximised with optim(method = "BFGS", reltol = 1e-15) then optimHess; the parameter layout is the engine's:
#    theta = (intercept and covariates of eta0, ancillary parameters, intercept and covariates of logit(pi)).
# For every model (both kinds) the derived quantities at the (weighted) covariate means are computed from R's
# functions: survival, hazard and cumulative hazard at times, the first quartile and the median (uniroot), the
# restricted mean (integrate)
# and the cure fraction, with delta-method limits from a central-difference gradient and the covariance matrix
# (vcov(survreg) or solve(optimHess)) on the scales the engine documents.
suppressPackageStartupMessages(library(survival))
stopifnot(packageVersion("survival") >= "3.5")
num <- function(df) { df[] <- lapply(df, function(c) if (is.numeric(c)) ifelse(is.na(c), "NA", sprintf("%.17g", c)) else c); df }
out <- function(df, file) write.csv(num(df), file, row.names = FALSE, quote = FALSE)

# ---- data --------------------------------------------------------------------------------------------------------
lung2 <- na.omit(survival::lung[, c("time", "status", "age", "sex", "ph.ecog")])
lung2 <- data.frame(time = lung2$time, status = lung2$status - 1, age = lung2$age, sex = lung2$sex, ph_ecog = lung2$ph.ecog)
lung2$w <- rep(c(1, 2, 0.5), length.out = nrow(lung2))
out(lung2, "lung.csv")

vet <- survival::veteran
vet2 <- data.frame(time = vet$time, status = vet$status, trt = vet$trt, karno = vet$karno, age = vet$age,
                   smallcell = as.numeric(vet$celltype == "smallcell"), adeno = as.numeric(vet$celltype == "adeno"),
                   large = as.numeric(vet$celltype == "large"))
# A delayed entry for every third patient: entered at 40% of the time (only the engine and the optim reference use it).
vet2$entry <- ifelse(seq_len(nrow(vet2)) %% 3 == 0, round(0.4 * vet2$time, 1), 0)
out(vet2, "veteran.csv")

ov <- survival::ovarian
ov2 <- data.frame(time = ov$futime, status = ov$fustat, age = ov$age, rx = ov$rx, ecog = ov$ecog.ps)
out(ov2, "ovarian.csv")

# Synthetic mixture cure data: pi = expit(-0.4 + 0.8 x) (0.40 at x = 0.5), uncured Weibull(shape 1.3, scale 2 exp(0.3 z)),
# uniform censoring on (1, 12); 400 rows.
set.seed(20261129)
n <- 400
cure <- data.frame(x = rbinom(n, 1, 0.5), z = round(rnorm(n), 3))
pi <- plogis(-0.4 + 0.8 * cure$x)
cured <- runif(n) < pi
tt <- ifelse(cured, Inf, rweibull(n, shape = 1.3, scale = 2 * exp(0.3 * cure$z)))
cc <- runif(n, 1, 12)
cure$time <- round(pmin(tt, cc), 4)
cure$status <- as.numeric(tt <= cc)
cure$entry <- ifelse(seq_len(n) %% 4 == 0, round(runif(n, 0, 0.5) * cure$time, 4), 0)
out(cure, "cure.csv")

data_sets <- list(lung = lung2, veteran = vet2, ovarian = ov2, cure = cure)

# ---- the families, in the engine's parameterisation ------------------------------------------------------------
# Each returns list(logS, logf) for times t and per-row eta0 (vector) and ancillary parameters a.
fam <- list(
  exponential = list(k = 1, f = function(t, e0, a) list(logS = -t * exp(-e0), logf = -e0 - t * exp(-e0))),
  weibull = list(k = 2, f = function(t, e0, a) list(
    logS = pweibull(t, shape = exp(-a[1]), scale = exp(e0), lower.tail = FALSE, log.p = TRUE),
    logf = dweibull(t, shape = exp(-a[1]), scale = exp(e0), log = TRUE))),
  lognormal = list(k = 2, f = function(t, e0, a) list(
    logS = plnorm(t, e0, exp(a[1]), lower.tail = FALSE, log.p = TRUE), logf = dlnorm(t, e0, exp(a[1]), log = TRUE))),
  loglogistic = list(k = 2, f = function(t, e0, a) { z <- (log(t) - e0) / exp(a[1])
    list(logS = plogis(z, lower.tail = FALSE, log.p = TRUE), logf = dlogis(z, log = TRUE) - a[1] - log(t)) }),
  weibullph = list(k = 2, f = function(t, e0, a) { shape <- exp(a[1]); H <- exp(e0) * t^shape
    list(logS = -H, logf = a[1] + e0 + (shape - 1) * log(t) - H) }),
  gompertz = list(k = 2, f = function(t, e0, a) { b <- exp(e0); H <- if (a[1] == 0) b * t else b / a[1] * expm1(a[1] * t)
    list(logS = -H, logf = e0 + a[1] * t - H) }),
  gengamma = list(k = 3, f = function(t, e0, a) {
    sigma <- exp(a[1]); Q <- a[2]; w <- (log(t) - e0) / sigma
    if (abs(Q) < 1e-5) return(list(logS = pnorm(w, lower.tail = FALSE, log.p = TRUE), logf = dnorm(w, log = TRUE) - a[1] - log(t)))
    q <- 1 / Q^2; u <- q * exp(Q * w)
    list(logS = pgamma(u, q, lower.tail = (Q < 0), log.p = TRUE),
         logf = -log(sigma * t) + log(abs(Q)) * (1 - 2 * q) + q * (Q * w - exp(Q * w)) - lgamma(q)) })
)

fam_names <- list(exponential = character(0), weibull = "Log(scale)", lognormal = "Log(scale)", loglogistic = "Log(scale)",
                  weibullph = "log(shape)", gompertz = "shape", gengamma = c("log(sigma)", "Q"))

# A model: data, family, location covariates, cure flag and cure covariates, optional entry and weights.
model_parts <- function(m) {
  d <- data_sets[[m$data]]
  X <- if (is.null(m$fml)) cbind(1, as.matrix(d[, m$x, drop = FALSE])) else model.matrix(as.formula(paste("~", m$fml)), d)
  if (!is.null(m$fml)) m$x <- colnames(X)[-1]
  Z <- if (isTRUE(m$cure)) cbind(1, as.matrix(d[, m$z, drop = FALSE])) else NULL
  w <- if (is.null(m$w)) rep(1, nrow(d)) else d[[m$w]]
  entry <- if (is.null(m$entry)) rep(0, nrow(d)) else d[[m$entry]]
  f <- fam[[m$dist]]
  px <- ncol(X); na <- f$k - 1; pz <- if (is.null(Z)) 0 else ncol(Z)
  # log S and log f of the whole model at times t for rows' design X1, Z1
  curve <- function(theta, t, X1, Z1) {
    e0 <- drop(X1 %*% theta[1:px]); a <- theta[px + seq_len(na)]
    r <- f$f(t, e0, a)
    if (pz == 0) return(r)
    eta <- drop(Z1 %*% theta[px + na + seq_len(pz)])
    lp <- plogis(eta, log.p = TRUE); l1p <- plogis(eta, lower.tail = FALSE, log.p = TRUE)
    mx <- pmax(lp, l1p + r$logS)
    list(logS = mx + log(exp(lp - mx) + exp(l1p + r$logS - mx)), logf = l1p + r$logf)
  }
  loglik <- function(theta) {
    r <- curve(theta, d$time, X, Z)
    ll <- ifelse(d$status == 1, r$logf, r$logS)
    if (any(entry > 0)) { i <- entry > 0; ll[i] <- ll[i] - curve(theta, entry[i], X[i, , drop = FALSE], if (pz) Z[i, , drop = FALSE])$logS }
    sum(w * ll)
  }
  names <- c("(Intercept)", m$x, fam_names[[m$dist]])
  names <- c(names, if (pz) c("cure:(Intercept)", if (length(m$z)) paste0("cure:", m$z)))
  xbar <- colSums(w * X) / sum(w); zbar <- if (pz) colSums(w * Z) / sum(w) else NULL
  list(d = d, loglik = loglik, curve = curve, names = names, xbar = xbar, zbar = zbar, px = px, na = na, pz = pz)
}

# ---- the models --------------------------------------------------------------------------------------------------
aft <- c("exponential", "weibull", "lognormal", "loglogistic")
models <- list()
for (dist in aft) {
  models[[paste0("lung_null_", dist)]] <- list(data = "lung", dist = dist, x = character(0), survreg = TRUE)
  models[[paste0("lung_cov_", dist)]] <- list(data = "lung", dist = dist, x = c("age", "sex", "ph_ecog"), survreg = TRUE)
  models[[paste0("lung_wt_", dist)]] <- list(data = "lung", dist = dist, x = c("age", "sex"), w = "w", survreg = TRUE)
  models[[paste0("veteran_cov_", dist)]] <- list(data = "veteran", dist = dist, x = c("trt", "karno", "age", "smallcell", "adeno", "large"), survreg = TRUE)
  models[[paste0("ovarian_null_", dist)]] <- list(data = "ovarian", dist = dist, x = character(0), survreg = TRUE)
  models[[paste0("ovarian_cov_", dist)]] <- list(data = "ovarian", dist = dist, x = c("age", "rx"), survreg = TRUE)
}
opt <- list(
  lung_null_weibullph = list(data = "lung", dist = "weibullph", x = character(0)),
  lung_cov_weibullph = list(data = "lung", dist = "weibullph", x = c("age", "sex")),
  lung_null_gompertz = list(data = "lung", dist = "gompertz", x = character(0)),
  lung_cov_gompertz = list(data = "lung", dist = "gompertz", x = c("age", "sex")),
  veteran_cov_gompertz = list(data = "veteran", dist = "gompertz", x = c("karno")),
  ovarian_null_gompertz = list(data = "ovarian", dist = "gompertz", x = character(0)),
  lung_null_gengamma = list(data = "lung", dist = "gengamma", x = character(0)),
  lung_cov_gengamma = list(data = "lung", dist = "gengamma", x = c("age", "sex")),
  veteran_null_gengamma = list(data = "veteran", dist = "gengamma", x = character(0)),
  lung_wt_gengamma = list(data = "lung", dist = "gengamma", x = character(0), w = "w"),
  veteran_entry_weibull = list(data = "veteran", dist = "weibull", x = c("karno"), entry = "entry"),
  veteran_entry_gompertz = list(data = "veteran", dist = "gompertz", x = character(0), entry = "entry"),
  cure_null_exponential = list(data = "cure", dist = "exponential", x = character(0), cure = TRUE, z = character(0)),
  cure_null_weibull = list(data = "cure", dist = "weibull", x = character(0), cure = TRUE, z = character(0)),
  cure_null_lognormal = list(data = "cure", dist = "lognormal", x = character(0), cure = TRUE, z = character(0)),
  cure_null_loglogistic = list(data = "cure", dist = "loglogistic", x = character(0), cure = TRUE, z = character(0)),
  cure_null_gompertz = list(data = "cure", dist = "gompertz", x = character(0), cure = TRUE, z = character(0)),
  cure_null_gengamma = list(data = "cure", dist = "gengamma", x = character(0), cure = TRUE, z = character(0)),
  cure_null_weibullph = list(data = "cure", dist = "weibullph", x = character(0), cure = TRUE, z = character(0)),
  cure_cov_weibull = list(data = "cure", dist = "weibull", x = c("z"), cure = TRUE, z = c("x")),
  cure_entry_weibull = list(data = "cure", dist = "weibull", x = c("z"), cure = TRUE, z = c("x"), entry = "entry"),
  cure_nocure_weibull = list(data = "cure", dist = "weibull", x = character(0)),
  ovarian_cure_weibull = list(data = "ovarian", dist = "weibull", x = character(0), cure = TRUE, z = character(0))
)
# Formula models: R's factor coding and coefficient names (treatment contrasts).
models$lung_formula_weibull <- list(data = "lung", dist = "weibull", fml = "age + factor(sex) + factor(ph_ecog)", survreg = TRUE)
models$veteran_formula_lognormal <- list(data = "veteran", dist = "lognormal", fml = "karno + factor(trt)", survreg = TRUE)
models$lung_formula_wt_loglogistic <- list(data = "lung", dist = "loglogistic", fml = "age + factor(ph_ecog)", w = "w", survreg = TRUE)
models <- c(models, opt)

times <- list(lung = c(100, 365, 730), veteran = c(30, 100, 365), ovarian = c(200, 500, 1000), cure = c(1, 3, 10))
horizon <- c(lung = 1000, veteran = 500, ovarian = 1200, cure = 15)

zc <- qnorm(0.975)
numgrad <- function(fn, x, h) sapply(seq_along(x), function(j) (fn(replace(x, j, x[j] + h[j])) - fn(replace(x, j, x[j] - h[j]))) / (2 * h[j]))
numhess <- function(fn, x, h) {
  p <- length(x); H <- matrix(0, p, p)
  for (i in 1:p) for (j in i:p) {
    e <- function(a, b) { y <- x; y[i] <- y[i] + a * h[i]; y[j] <- y[j] + b * h[j]; fn(y) }
    H[i, j] <- H[j, i] <- (e(1, 1) - e(1, -1) - e(-1, 1) + e(-1, -1)) / (4 * h[i] * h[j])
  }
  H
}
delta <- function(fn, theta, V, trans, inv) {
  v <- unname(fn(theta)); u <- trans(v); g <- numgrad(function(th) trans(fn(th)), theta, 1e-4 * sqrt(diag(V))); se <- sqrt(drop(t(g) %*% V %*% g))
  c(estimate = v, lower = min(inv(u - zc * se), inv(u + zc * se)), upper = max(inv(u - zc * se), inv(u + zc * se)))
}

coef_rows <- list(); fit_rows <- list(); pred_rows <- list()
for (name in names(models)) {
  m <- models[[name]]; mp <- model_parts(m); d <- mp$d
  if (isTRUE(m$survreg)) {
    rhs <- if (!is.null(m$fml)) m$fml else if (length(m$x)) paste(m$x, collapse = " + ") else "1"
    fml <- as.formula(paste("Surv(time, status) ~", rhs))
    fit <- if (is.null(m$w)) survreg(fml, data = d, dist = m$dist) else survreg(fml, data = d, dist = m$dist, weights = d[[m$w]])
    s <- summary(fit)$table
    theta <- unname(s[, 1]); se <- unname(s[, 2]); V <- unname(vcov(fit)); ll <- fit$loglik[2]
    stopifnot(all(rownames(s) == mp$names))
    stopifnot(abs(mp$loglik(theta) - ll) < 1e-8 * abs(ll))   # the explicit likelihood is survreg's
    iter <- fit$iter; conv <- 1
  } else {
    # start: a crude point, then BFGS to a tight tolerance; restart from the result until the log-likelihood stops moving
    start <- c(log(median(d$time)), rep(0, mp$px - 1), if (m$dist == "gengamma") c(0, 1) else rep(0, mp$na), if (mp$pz) c(0, rep(0, mp$pz - 1)))
    if (m$dist %in% c("weibullph", "gompertz")) start[1] <- log(sum(d$status) / sum(d$time))
    best <- NULL
    for (k in 1:6) {
      o <- optim(if (is.null(best)) start else best$par, function(th) -mp$loglik(th), method = "BFGS",
                 control = list(reltol = 1e-15, maxit = 20000, parscale = rep(0.1, length(start))))
      if (is.null(best) || o$value < best$value - 1e-12) best <- o else break
    }
    theta <- best$par
    # optim's BFGS and optimHess (steps of 1e-3 on every parameter) are too coarse for parameters on very different
    # scales (a Gompertz shape per day, a coefficient of age); finish with Newton steps whose central-difference
    # gradient and Hessian take steps of 1e-3 standard errors of each parameter, re-estimated at each step.
    H <- optimHess(theta, function(th) -mp$loglik(th))
    for (k in 1:8) {
      h <- 1e-3 * sqrt(pmax(diag(solve(H)), 1e-16))
      g <- numgrad(mp$loglik, theta, h); H <- -numhess(mp$loglik, theta, h)
      theta <- theta + drop(solve(H, g))
    }
    ll <- mp$loglik(theta)
    V <- solve(H); se <- sqrt(diag(V)); iter <- NA; conv <- as.numeric(best$convergence == 0)
  }
  coef_rows[[name]] <- data.frame(model = name, term = mp$names, estimate = theta, se = se)
  np <- length(theta)
  fit_rows[[name]] <- data.frame(model = name, n = nrow(d), events = sum(d$status), loglik = ll, df = np,
                                 aic = -2 * ll + 2 * np, bic = -2 * ll + log(nrow(d)) * np, converged = conv)
  X1 <- matrix(mp$xbar, nrow = 1); Z1 <- if (mp$pz) matrix(mp$zbar, nrow = 1) else NULL
  logS <- function(th, t) mp$curve(th, t, X1, Z1)$logS
  logf <- function(th, t) mp$curve(th, t, X1, Z1)$logf
  rows <- list()
  for (t in times[[m$data]]) {
    rows[[length(rows) + 1]] <- c(quantity = "survival", at = t, delta(function(th) exp(logS(th, t)), theta, V, function(s) log(-log(s)), function(u) exp(-exp(u))))
    rows[[length(rows) + 1]] <- c(quantity = "hazard", at = t, delta(function(th) exp(logf(th, t) - logS(th, t)), theta, V, log, exp))
    rows[[length(rows) + 1]] <- c(quantity = "cumhaz", at = t, delta(function(th) -logS(th, t), theta, V, log, exp))
  }
  quantile_of <- function(p) function(th) {
    plateau <- logS(th, 1e8)
    if (plateau > log1p(-p)) return(Inf)
    exp(uniroot(function(lt) logS(th, exp(lt)) - log1p(-p), c(-30, 18.4), tol = 1e-13)$root)
  }
  for (p in c(0.25, 0.5)) {
    q <- if (p == 0.5) "median" else "quantile"
    if (is.finite(quantile_of(p)(theta))) rows[[length(rows) + 1]] <- c(quantity = q, at = p, delta(quantile_of(p), theta, V, log, exp))
    else rows[[length(rows) + 1]] <- c(quantity = q, at = p, estimate = Inf, lower = NA, upper = NA)
  }
  H <- horizon[[m$data]]
  rmst <- function(th) integrate(function(t) exp(logS(th, t)), 0, H, rel.tol = 1e-12, subdivisions = 1000)$value
  rows[[length(rows) + 1]] <- c(quantity = "rmst", at = H, delta(rmst, theta, V, log, exp))
  if (mp$pz) {
    ci <- mp$px + mp$na + seq_len(mp$pz)
    rows[[length(rows) + 1]] <- c(quantity = "cure", at = NA, delta(function(th) plogis(sum(th[ci] * mp$zbar)), theta, V, qlogis, plogis))
  }
  p <- as.data.frame(do.call(rbind, rows), stringsAsFactors = FALSE)
  p[, -1] <- lapply(p[, -1], as.numeric)
  pred_rows[[name]] <- cbind(model = name, p)
}
out(do.call(rbind, coef_rows), "parametric_coefficients.csv")
out(do.call(rbind, fit_rows), "parametric_fits.csv")
out(do.call(rbind, pred_rows), "parametric_predictions.csv")
writeLines(c(R.version.string, paste("survival", packageVersion("survival"))), "r_versions.txt")
