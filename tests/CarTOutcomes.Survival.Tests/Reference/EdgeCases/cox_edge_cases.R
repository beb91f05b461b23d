# cox_edge_cases.R -- R's answers for degenerate Cox (coxph) and competing-risks (cmprsk crr, cuminc) inputs
# (issue #9). Run from this folder:   Rscript cox_edge_cases.R
#
# Writes
#   cox_edge_data.csv    case, time, status, x1, x2: the data of every Cox and competing-risks case
#                        (for competing risks, status is the cause code, 0 censored)
#   cox_edge.csv         case, formula, term, coef, se, loglik0, loglik, iter, nevent, warning, error, r_call
#                        from coxph(Surv(time, status) ~ ..., data = d) (Efron ties, R's defaults); coef/se NA where
#                        R reports NA; warning/error are R's messages ("" when none), several joined by " | "
#   cox_large.csv        coef, se, loglik0, loglik, iter of the deterministic 10^6-row data set described below
#   cr_edge.csv          case, fn, term/cause, values and R's warning/error for crr and cuminc on the competing-risks cases
#   cox_r_versions.txt   R, survival and cmprsk versions

suppressPackageStartupMessages({ library(survival); library(cmprsk) })
source("../KaplanMeier/ref_helpers.R", chdir = TRUE)

# ---- Cox cases ---------------------------------------------------------------------------------------------------
t8 <- c(1, 2, 3, 4, 5, 6, 7, 8)
cox_cases <- list(
  all_censored      = data.frame(time = 1:5, status = 0, x1 = c(0.5, 1.5, 2, 3, 4.5), x2 = NA),
  single_event      = data.frame(time = 1:5, status = c(0, 0, 1, 0, 0), x1 = c(0.5, 1.5, 2, 3, 4.5), x2 = NA),
  all_events_one_time = data.frame(time = 4, status = 1, x1 = c(0.5, 1.5, 2, 3, 4.5), x2 = NA),
  no_variance       = data.frame(time = t8, status = c(1, 0, 1, 1, 0, 1, 1, 0), x1 = 2.5, x2 = NA),
  no_variance_second = data.frame(time = t8, status = c(1, 0, 1, 1, 0, 1, 1, 0),
                                  x1 = c(0.3, 1.1, 0.7, 2.2, 1.9, 0.1, 1.4, 0.8), x2 = 7),
  collinear         = data.frame(time = t8, status = c(1, 0, 1, 1, 0, 1, 1, 0),
                                 x1 = c(0.3, 1.1, 0.7, 2.2, 1.9, 0.1, 1.4, 0.8),
                                 x2 = 2 * c(0.3, 1.1, 0.7, 2.2, 1.9, 0.1, 1.4, 0.8) + 1),
  separation        = data.frame(time = t8, status = c(1, 1, 1, 0, 1, 1, 0, 1), x1 = c(1, 1, 1, 1, 0, 0, 0, 0), x2 = NA),
  separation_continuous = data.frame(time = t8, status = c(1, 1, 0, 1, 1, 0, 1, 1),
                                     x1 = c(8.5, 7.25, 6, 5.5, 4, 3.75, 2, 1), x2 = NA),
  magnitude_1e6     = data.frame(time = t8, status = c(1, 0, 1, 1, 0, 1, 1, 0),
                                 x1 = 1e6 * c(0.3, 1.1, 0.7, 2.2, 1.9, 0.1, 1.4, 0.8), x2 = NA),
  shifted_1e6       = data.frame(time = t8, status = c(1, 0, 1, 1, 0, 1, 1, 0),
                                 x1 = 1e6 + c(0.3, 1.1, 0.7, 2.2, 1.9, 0.1, 1.4, 0.8), x2 = NA),
  one_row_event     = data.frame(time = 7, status = 1, x1 = 2, x2 = NA),
  one_row_censored  = data.frame(time = 7, status = 0, x1 = 2, x2 = NA)
)

capture <- function(expr) {
  warnings <- character(0)
  value <- withCallingHandlers(
    tryCatch(expr, error = function(e) structure(conditionMessage(e), class = "r_error")),
    warning = function(w) { warnings <<- c(warnings, conditionMessage(w)); invokeRestart("muffleWarning") })
  list(value = value, warning = paste(warnings, collapse = " | "))
}

cox_row <- function(k) {
  d <- cox_cases[[k]]
  f <- if (all(is.na(d$x2))) Surv(time, status) ~ x1 else Surv(time, status) ~ x1 + x2
  call <- paste0("coxph(", deparse(f), ", data = d)")
  r <- capture(coxph(f, data = d))
  if (inherits(r$value, "r_error"))
    return(data.frame(case = k, formula = deparse(f), term = NA, coef = NA, se = NA, loglik0 = NA, loglik = NA,
                      iter = NA, nevent = NA, warning = r$warning, error = unclass(r$value), r_call = call))
  fit <- r$value
  se <- rep(NA_real_, length(coef(fit)))
  ok <- !is.na(coef(fit))
  se[ok] <- sqrt(diag(vcov(fit)))[seq_len(sum(ok))]
  data.frame(case = k, formula = deparse(f), term = names(coef(fit)), coef = unname(coef(fit)), se = se,
             loglik0 = fit$loglik[1], loglik = fit$loglik[length(fit$loglik)], iter = fit$iter, nevent = fit$nevent,
             warning = r$warning, error = "", r_call = call)
}

# ---- Competing-risks cases ---------------------------------------------------------------------------------------
cr_cases <- list(
  cr_all_censored  = data.frame(time = 1:6, status = 0, x1 = c(0.5, 1.5, 2, 3, 4.5, 1), x2 = NA),
  cr_no_cause1     = data.frame(time = 1:6, status = c(2, 0, 2, 0, 2, 0), x1 = c(0.5, 1.5, 2, 3, 4.5, 1), x2 = NA),
  cr_single_cause1 = data.frame(time = 1:6, status = c(2, 0, 1, 0, 2, 0), x1 = c(0.5, 1.5, 2, 3, 4.5, 1), x2 = NA),
  cr_separation    = data.frame(time = t8, status = c(1, 1, 2, 1, 0, 2, 1, 0), x1 = c(1, 1, 0, 1, 0, 0, 0, 0), x2 = NA)
)

crr_rows <- function(k) {
  d <- cr_cases[[k]]
  call <- "crr(d$time, d$status, cov1 = cbind(x1 = d$x1))"
  r <- capture(crr(d$time, d$status, cov1 = cbind(x1 = d$x1)))
  if (inherits(r$value, "r_error"))
    return(data.frame(case = k, fn = "crr", key = "x1", value1 = NA, value2 = NA, value3 = NA, value4 = NA,
                      warning = r$warning, error = unclass(r$value), r_call = call))
  fit <- r$value
  # value1 = coef, value2 = se, value3 = loglik, value4 = converged (1/0)
  data.frame(case = k, fn = "crr", key = names(fit$coef), value1 = unname(fit$coef), value2 = sqrt(diag(fit$var)),
             value3 = fit$loglik, value4 = as.numeric(fit$converged), warning = r$warning, error = "", r_call = call)
}

cuminc_rows <- function(k) {
  d <- cr_cases[[k]]
  call <- "cuminc(d$time, d$status)"
  r <- capture(cuminc(d$time, d$status))
  if (inherits(r$value, "r_error"))
    return(data.frame(case = k, fn = "cuminc", key = NA, value1 = NA, value2 = NA, value3 = NA, value4 = NA,
                      warning = r$warning, error = unclass(r$value), r_call = call))
  fit <- r$value
  curves <- fit[names(fit) != "Tests"]
  if (length(curves) == 0)
    return(data.frame(case = k, fn = "cuminc", key = "none", value1 = NA, value2 = NA, value3 = NA, value4 = NA,
                      warning = r$warning, error = "", r_call = call))
  # one row per curve point: key = curve name ("1 1" = group 1, cause 1), value1 = time, value2 = est, value3 = var
  do.call(rbind, lapply(names(curves), function(nm) {
    cv <- curves[[nm]]
    data.frame(case = k, fn = "cuminc", key = nm, value1 = cv$time, value2 = cv$est, value3 = cv$var, value4 = NA,
               warning = r$warning, error = "", r_call = call)
  }))
}

# ---- 10^6 rows: integer arithmetic only, so that the C# test rebuilds exactly the same doubles ----------------------
# i = 1..n; x_i = ((i * 48271) mod 2147483647) / 2147483647; time_i = 1 + ((i * 16807) mod 997) * (1 + floor(2 x_i));
# status_i = 1 unless i mod 5 == 0. Larger x doubles the time, so its coefficient is negative.
large_data <- function(n) {
  i <- as.numeric(seq_len(n))
  x <- ((i * 48271) %% 2147483647) / 2147483647
  data.frame(time = 1 + ((i * 16807) %% 997) * (1 + floor(2 * x)), status = as.numeric(i %% 5 != 0), x1 = x)
}

all_cases <- c(cox_cases, cr_cases)
data_rows <- do.call(rbind, lapply(names(all_cases), function(k) cbind(case = k, all_cases[[k]])))
write_ref(data_rows, "cox_edge_data.csv")
write_ref(do.call(rbind, lapply(names(cox_cases), cox_row)), "cox_edge.csv")
write_ref(do.call(rbind, c(lapply(names(cr_cases), crr_rows), lapply(names(cr_cases), cuminc_rows))), "cr_edge.csv")

big <- large_data(1e6)
elapsed <- system.time(fit <- coxph(Surv(time, status) ~ x1, data = big))[["elapsed"]]
write_ref(data.frame(n = nrow(big), coef = unname(coef(fit)), se = sqrt(vcov(fit)[1, 1]), loglik0 = fit$loglik[1],
                     loglik = fit$loglik[2], iter = fit$iter,
                     r_call = "coxph(Surv(time, status) ~ x1, data = big)"), "cox_large.csv")
cat(sprintf("coxph on 10^6 rows: %.1f s\n", elapsed))

writeLines(c(R.version.string, paste("survival", as.character(packageVersion("survival"))),
             paste("cmprsk", as.character(packageVersion("cmprsk")))), "cox_r_versions.txt")
