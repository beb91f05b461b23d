# km_reference.R -- Kaplan-Meier reference values from R's survival package.
#
# Run from this folder, after datasets.R:   Rscript km_reference.R
#
# Reads the CSVs in data/ (the very files the C# tests read) and writes
#   km_cases.csv      one row per case: the inputs and the exact R call
#   km_curves.csv     every time point of every fitted curve
#   km_summary.csv    counts, quantiles (median, quartiles) with CIs, RMST
#   km_landmarks.csv  summary(fit, times = ..., extend = TRUE)
#   km_followup.csv   median follow-up by the reverse Kaplan-Meier method
#   r_versions.txt    R and survival versions
# Column meanings are in README.md.

source("ref_helpers.R")

# ---- the cases ---------------------------------------------------------------
# Each case is a survfit() call built from these pieces:
#   dataset     file in data/ (without .csv)
#   time, event time column and the event expression (lung codes death as 2)
#   entry       delayed-entry column, "" for none -> Surv(entry, time, event)
#   weights     case-weight column, "" for none
#   group       grouping column, "" for a single curve (~ 1)
#   conf_type   "log" (R default), "log-log", "plain"
#   conf_level  conf.int
#   robust      "" = R's default; "FALSE" = force robust = FALSE.
#               R's default (survfitKM) is robust = TRUE when any weight is
#               non-integer, which makes std.err the infinitesimal-jackknife
#               (IJ) standard error of S(t) instead of Greenwood.  With
#               robust = FALSE the variance is Greenwood's formula evaluated
#               on the weighted counts.  Both are given for weighted data.
#   rmean_tau   truncation point for the restricted mean
#   landmarks   times for summary(fit, times = ...)
case <- function(id, dataset, time, event, group = "", entry = "", weights = "",
                 conf_type = "log", conf_level = 0.95, robust = "",
                 rmean_tau, landmarks) {
  data.frame(case = id, dataset = dataset, time_col = time, event_expr = event,
             entry_col = entry, weights_col = weights, group_col = group,
             conf_type = conf_type, conf_level = conf_level, robust = robust,
             rmean_tau = rmean_tau, landmarks = paste(landmarks, collapse = ";"),
             stringsAsFactors = FALSE)
}

lung_lm <- c(0, 1, 5, 100, 182.5, 365, 500.5, 730, 1022, 1100)
vet_lm  <- c(0, 0.5, 30, 90, 182.5, 365, 999, 1000)
aml_lm  <- c(0, 4.5, 12, 20.5, 48, 100, 161, 200)
ova_lm  <- c(0, 50, 365, 500.5, 1000, 1227, 1300)
syn_lm  <- c(0, 0.5, 1, 2.5, 10, 17.25, 30, 40, 45)

cases <- list()
# lung: overall and by sex, 3 CI transforms x 2 levels.
for (grp in c("", "sex")) {
  for (ct in c("log", "log-log", "plain")) {
    for (lev in c(0.95, 0.90)) {
      id <- sprintf("lung_%s_%s_%02d", if (grp == "") "all" else grp,
                    gsub("-", "", ct), round(100 * lev))
      cases[[length(cases) + 1]] <- case(id, "lung", "time", "status == 2",
        group = grp, conf_type = ct, conf_level = lev, rmean_tau = 730,
        landmarks = lung_lm)
    }
  }
}
cases <- c(cases, list(
  case("veteran_trt", "veteran", "time", "status", group = "trt",
       rmean_tau = 365, landmarks = vet_lm),
  case("veteran_celltype_loglog_95", "veteran", "time", "status", group = "celltype",
       conf_type = "log-log", rmean_tau = 365, landmarks = vet_lm),
  case("aml_x", "aml", "time", "status", group = "x",
       rmean_tau = 100, landmarks = aml_lm),
  case("aml_all_plain_90", "aml", "time", "status", conf_type = "plain",
       conf_level = 0.90, rmean_tau = 100, landmarks = aml_lm),
  case("ovarian_rx", "ovarian", "futime", "fustat", group = "rx",
       rmean_tau = 1000, landmarks = ova_lm),
  # synthetic: (entry, time] counting-process data with case weights
  case("syn_entry_w_grp_greenwood", "synthetic_km", "time", "status", group = "grp",
       entry = "entry", weights = "w", robust = "FALSE", rmean_tau = 30, landmarks = syn_lm),
  case("syn_entry_w_grp_ij", "synthetic_km", "time", "status", group = "grp",
       entry = "entry", weights = "w", rmean_tau = 30, landmarks = syn_lm),
  case("syn_entry_w_all_loglog_greenwood", "synthetic_km", "time", "status",
       entry = "entry", weights = "w", robust = "FALSE", conf_type = "log-log",
       rmean_tau = 30, landmarks = syn_lm),
  case("syn_entry_grp", "synthetic_km", "time", "status", group = "grp",
       entry = "entry", rmean_tau = 30, landmarks = syn_lm),
  case("syn_grp", "synthetic_km", "time", "status", group = "grp",
       rmean_tau = 30, landmarks = syn_lm),
  case("syn_all", "synthetic_km", "time", "status",
       rmean_tau = 30, landmarks = syn_lm),
  case("syn_grp_plain_90", "synthetic_km", "time", "status", group = "grp",
       conf_type = "plain", conf_level = 0.90, rmean_tau = 30, landmarks = syn_lm),
  case("syn_w_grp_greenwood", "synthetic_km", "time", "status", group = "grp",
       weights = "w", robust = "FALSE", rmean_tau = 30, landmarks = syn_lm),
  case("syn_w_grp_ij", "synthetic_km", "time", "status", group = "grp",
       weights = "w", rmean_tau = 30, landmarks = syn_lm)
))
cases <- do.call(rbind, cases)

# The exact survfit() call of a case, as text (also written to km_cases.csv).
survfit_call <- function(cs) {
  lhs <- if (cs$entry_col == "") sprintf("Surv(%s, %s)", cs$time_col, cs$event_expr)
         else sprintf("Surv(%s, %s, %s)", cs$entry_col, cs$time_col, cs$event_expr)
  rhs <- if (cs$group_col == "") "1" else cs$group_col
  extra <- c(if (cs$weights_col != "") sprintf("weights = %s", cs$weights_col),
             if (cs$robust != "") sprintf("robust = %s", cs$robust),
             sprintf("conf.type = \"%s\"", cs$conf_type),
             sprintf("conf.int = %s", format(cs$conf_level)))
  sprintf("survfit(%s ~ %s, data = %s, %s)", lhs, rhs, cs$dataset,
          paste(extra, collapse = ", "))
}

datasets <- list(lung = read_dataset("lung"), veteran = read_dataset("veteran"),
                 aml = read_dataset("aml"), ovarian = read_dataset("ovarian"),
                 synthetic_km = read_dataset("synthetic_km"))

fit_case <- function(cs) {
  env <- list2env(datasets)
  eval(parse(text = survfit_call(cs)), envir = env)
}

# Group label of every row of a survfit object: the level itself ("1",
# "Maintained"), not R's "sex=1"; "all" for a single curve.
group_labels <- function(fit, cs) {
  if (is.null(fit$strata)) return(rep("all", length(fit$time)))
  lev <- sub(paste0("^", cs$group_col, "="), "", names(fit$strata))
  rep(lev, fit$strata)
}

# summary.survfit's std.err: the standard error of S(t) itself.  survfit
# stores the std. error of -log S(t) when fit$logse is TRUE (Greenwood) and
# of S(t) when it is FALSE (robust/IJ variance); summary() multiplies by
# S(t) only in the first case.  Same rule here.
se_surv <- function(fit) if (isTRUE(fit$logse)) fit$std.err * fit$surv else fit$std.err

# ---- km_curves.csv -------------------------------------------------------------
curves_of <- function(cs, fit) {
  data.frame(case = cs$case, group = group_labels(fit, cs), time = fit$time,
             n_risk = fit$n.risk, n_event = fit$n.event, n_censor = fit$n.censor,
             surv = fit$surv, std_err = se_surv(fit), lower = fit$lower,
             upper = fit$upper, cumhaz = fit$cumhaz, std_chaz = fit$std.chaz,
             stringsAsFactors = FALSE)
}

# ---- km_summary.csv ------------------------------------------------------------
# quantile.survfit(): the p-quantile is the first time where S(t) <= 1 - p;
# if S(t) equals 1 - p (within sqrt(.Machine$double.eps)) on an interval,
# the midpoint of that interval (the end being the next drop, or the last
# follow-up time when the curve never drops again).  CIs are the same rule
# applied to the lower and upper confidence curves.
# The summary()$table median uses a slightly different routine
# (survival:::survmean): midpoint with the next drop only, else the first
# time; both are written (median* vs table_median*).
# Restricted mean (survmean): integral of S(t) from 0 to tau, with S carried
# flat past its last time if tau is beyond it; se from
#   var = sum_{t_i <= tau} A(t_i, tau)^2 * d_i / (n_i (n_i - d_i)),
# A(t_i, tau) = integral of S from t_i to tau, a term being 0 when n_i = d_i.
# (R uses the weighted n.risk/n.event and this Greenwood form even when the
# curve's own std.err is the robust one.)
# rmean*: tau = rmean_tau of the case (summary(fit, rmean = tau)).
# rmean_common*: tau = largest time over all curves of the fit
#   (summary(fit, rmean = "common"), which is also print()'s default).
summary_of <- function(cs, fit) {
  glev <- if (is.null(fit$strata)) "all" else
    sub(paste0("^", cs$group_col, "="), "", names(fit$strata))
  q <- quantile(fit, probs = c(0.25, 0.5, 0.75))
  as_mat <- function(x) if (is.matrix(x)) x else matrix(x, nrow = 1)
  qq <- as_mat(q$quantile); ql <- as_mat(q$lower); qu <- as_mat(q$upper)
  tab_tau <- summary(fit, rmean = cs$rmean_tau)$table
  tab_common <- summary(fit, rmean = "common")$table
  tab_tau <- if (is.matrix(tab_tau)) tab_tau else matrix(tab_tau, nrow = 1, dimnames = list(NULL, names(tab_tau)))
  tab_common <- if (is.matrix(tab_common)) tab_common else matrix(tab_common, nrow = 1, dimnames = list(NULL, names(tab_common)))
  common_tau <- max(fit$time)
  data.frame(case = cs$case, group = glev,
             records = tab_tau[, "records"], n_max = tab_tau[, "n.max"],
             n_start = tab_tau[, "n.start"], events = tab_tau[, "events"],
             median = qq[, 2], median_lower = ql[, 2], median_upper = qu[, 2],
             q25 = qq[, 1], q25_lower = ql[, 1], q25_upper = qu[, 1],
             q75 = qq[, 3], q75_lower = ql[, 3], q75_upper = qu[, 3],
             table_median = tab_tau[, 7], table_median_lower = tab_tau[, 8],
             table_median_upper = tab_tau[, 9],
             rmean_tau = cs$rmean_tau, rmean = tab_tau[, "rmean"],
             se_rmean = tab_tau[, "se(rmean)"],
             rmean_common_tau = common_tau, rmean_common = tab_common[, "rmean"],
             se_rmean_common = tab_common[, "se(rmean)"],
             stringsAsFactors = FALSE, row.names = NULL)
}

# ---- km_landmarks.csv ----------------------------------------------------------
# summary(fit, times = landmarks, extend = TRUE).  At a time t R reports:
#   surv, std_err, lower, upper, cumhaz, std_chaz: values of the step
#     function at t (right-continuous; 1 / 0 before the first time);
#   n_risk: n.risk at the first curve time >= t (0 past the last time).
landmarks_of <- function(cs, fit) {
  times <- as.numeric(strsplit(cs$landmarks, ";")[[1]])
  s <- summary(fit, times = times, extend = TRUE)
  grp <- if (is.null(s$strata)) rep("all", length(s$time)) else
    sub(paste0("^", cs$group_col, "="), "", as.character(s$strata))
  data.frame(case = cs$case, group = grp, time = s$time, n_risk = s$n.risk,
             surv = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper,
             cumhaz = s$cumhaz, std_chaz = s$std.chaz, stringsAsFactors = FALSE)
}

curves <- list(); summaries <- list(); landmarks <- list()
cases$r_call <- ""
for (k in seq_len(nrow(cases))) {
  cs <- cases[k, ]
  cases$r_call[k] <- survfit_call(cs)
  fit <- fit_case(cs)
  # robust_used: what R did (fit$logse is FALSE exactly for robust/IJ fits).
  cases$robust_used[k] <- if (isTRUE(fit$logse)) "FALSE" else "TRUE"
  curves[[k]] <- curves_of(cs, fit)
  summaries[[k]] <- summary_of(cs, fit)
  landmarks[[k]] <- landmarks_of(cs, fit)
  # Self-check: our std_err must equal what summary() prints.
  s_all <- summary(fit, censored = TRUE)
  stopifnot(isTRUE(all.equal(s_all$std.err, curves[[k]]$std_err, tolerance = 1e-14)))
}
write_ref(cases, "km_cases.csv")
write_ref(do.call(rbind, curves), "km_curves.csv")
write_ref(do.call(rbind, summaries), "km_summary.csv")
write_ref(do.call(rbind, landmarks), "km_landmarks.csv")

# ---- km_followup.csv: median follow-up, reverse Kaplan-Meier -------------------
# The reverse KM estimates the censoring distribution: censorings are the
# "events", deaths are the "censorings".  The two conventions differ only
# at a time t where deaths and censorings are tied.
#
# reverse_naive: quantile(survfit(Surv(time, 1 - event) ~ 1)).  survfit
#   treats "censorings" (here: the deaths) at t as still at risk at t, so
#   a censoring at t has risk set n(t) = #{time >= t}, deaths at t included:
#     G(t) = prod_{t_j <= t} (1 - c_j / n_j).
#
# reverse_events_first: the usual convention that at a tie the death comes
#   first, i.e. the subject who died at t is no longer under follow-up when
#   the censoring at t happens.  The risk set of a censoring at t excludes
#   the deaths at t:
#     G(t) = prod_{t_j <= t} (1 - c_j / (n_j - d_j)),   a factor 1 if n_j = d_j.
#   Computed directly from the counts n_j, d_j, c_j of survfit(Surv(time,
#   event) ~ 1); the quantiles are then taken with survival's own quantile
#   rule (survival:::findq, the routine quantile.survfit() uses), on the
#   same time grid as the reverse_naive curve.
#   Cross-check (asserted below): survfit(Surv(time2, 1 - event) ~ 1,
#   timefix = FALSE) with time2 = time - 1e-6 for deaths (all times here are
#   integers, so this only moves deaths ahead of censorings at the same
#   time) gives the same G at every censoring time and the same quantiles.
# Cases: time/event only (no entry, no weights).
reverse_quantiles <- function(time, event, convention, probs = c(0.25, 0.5, 0.75)) {
  fit <- survfit(Surv(time, event) ~ 1)
  n <- fit$n.risk; d <- fit$n.event; cc <- fit$n.censor
  denom <- if (convention == "reverse_naive") n else n - d
  factor <- ifelse(denom > 0, 1 - cc / denom, 1)
  G <- cumprod(factor)
  tol <- sqrt(.Machine$double.eps)
  q <- survival:::findq(c(0, fit$time), c(0, 1 - G), probs, tol)
  list(G = G, time = fit$time, q = q)
}

followup_cases <- list(
  list(case = "lung", d = datasets$lung, time = "time", event = quote(status == 2)),
  list(case = "veteran", d = datasets$veteran, time = "time", event = quote(status)),
  list(case = "aml", d = datasets$aml, time = "time", event = quote(status)),
  list(case = "synthetic_km", d = datasets$synthetic_km, time = "time", event = quote(status)))
# Equality of two numeric vectors that may hold NA (quantile not reached).
same_num <- function(a, b) {
  a <- as.numeric(a); b <- as.numeric(b)
  identical(is.na(a), is.na(b)) && isTRUE(all.equal(a[!is.na(a)], b[!is.na(b)]))
}
followup <- list()
for (fc in followup_cases) {
  time <- fc$d[[fc$time]]
  event <- as.integer(eval(fc$event, fc$d))
  # reverse_naive straight from survfit, and the manual product must agree.
  rfit <- survfit(Surv(time, 1 - event) ~ 1)
  q_naive <- quantile(rfit, probs = c(0.25, 0.5, 0.75), conf.int = FALSE)
  man <- reverse_quantiles(time, event, "reverse_naive")
  stopifnot(same_num(q_naive, man$q),
            isTRUE(all.equal(rfit$surv, man$G)))
  ef <- reverse_quantiles(time, event, "reverse_events_first")
  # Cross-check of events-first by moving deaths 1e-6 earlier.
  stopifnot(all(time == round(time)))
  time2 <- ifelse(event == 1, time - 1e-6, time)
  sfit <- survfit(Surv(time2, 1 - event) ~ 1, timefix = FALSE)
  is_cens_time <- ef$time %in% time[event == 0]     # jump times of G
  at <- match(ef$time[is_cens_time], sfit$time)
  stopifnot(isTRUE(all.equal(sfit$surv[at], ef$G[is_cens_time])))
  q_shift <- quantile(sfit, probs = c(0.25, 0.5, 0.75), conf.int = FALSE)
  stopifnot(same_num(q_shift, ef$q))
  followup[[length(followup) + 1]] <- data.frame(
    case = fc$case, convention = c("reverse_naive", "reverse_events_first"),
    median = c(man$q[2], ef$q[2]), q25 = c(man$q[1], ef$q[1]),
    q75 = c(man$q[3], ef$q[3]), stringsAsFactors = FALSE)
}
write_ref(do.call(rbind, followup), "km_followup.csv")

# ---- r_versions.txt ------------------------------------------------------------
writeLines(c(R.version.string,
             paste("survival", as.character(packageVersion("survival")))),
           "r_versions.txt")
cat("wrote r_versions.txt\n")
