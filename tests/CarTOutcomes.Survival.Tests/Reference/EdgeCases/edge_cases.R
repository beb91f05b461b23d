# edge_cases.R -- R's answers for degenerate Kaplan-Meier and log-rank inputs
# (issue #9). Run from this folder:   Rscript edge_cases.R
#
# Writes
#   edge_data.csv      case, time, status, group: the data of every case
#   edge_km.csv        case, time, n_risk, n_event, n_censor, surv, std_err (of log S), lower, upper, cumhaz,
#                      std_chaz, median, r_call    from survfit(Surv(time, status) ~ 1, data = d)
#   edge_logrank.csv   case, chisq, df, p, observed/expected per group, r_call   from survdiff(Surv(time, status) ~ group)
#                      (df as print.survdiff computes it: groups with expected > 0, minus 1), or the error R gives
#   r_versions.txt     R and survival versions

suppressPackageStartupMessages(library(survival))
source("../KaplanMeier/ref_helpers.R", chdir = TRUE)

cases <- list(
  all_censored        = data.frame(time = c(1, 2, 3, 4, 5), status = 0, group = c("A", "A", "B", "B", "B")),
  single_event        = data.frame(time = c(1, 2, 3, 4, 5), status = c(0, 0, 1, 0, 0), group = c("A", "A", "B", "B", "B")),
  all_events_one_time = data.frame(time = 4, status = c(1, 1, 1, 1, 1), group = c("A", "A", "B", "B", "B")),
  one_row_event       = data.frame(time = 7, status = 1, group = "A"),
  one_row_censored    = data.frame(time = 7, status = 0, group = "A"),
  group_no_events     = data.frame(time = c(2, 3, 5, 6, 8, 1, 4, 7, 9), status = c(1, 1, 0, 1, 1, 0, 0, 0, 0),
                                   group = c("A", "A", "A", "A", "A", "B", "B", "B", "B")),
  group_never_at_risk = data.frame(time = c(2, 3, 5, 6, 8, 4, 7, 9, 0.5, 1), status = c(1, 1, 0, 1, 1, 1, 0, 1, 0, 0),
                                   group = c("A", "A", "A", "A", "A", "B", "B", "B", "C", "C")),
  times_1e9           = data.frame(time = c(1e9, 1.5e9, 1.5e9, 2.25e9, 3e9, 4.75e9, 5e9, 7.5e9),
                                   status = c(1, 1, 0, 1, 0, 1, 1, 0), group = c("A", "B", "A", "B", "A", "B", "A", "B"))
)

data_rows <- do.call(rbind, lapply(names(cases), function(k) cbind(case = k, cases[[k]])))
write_ref(data_rows, "edge_data.csv")

km_rows <- do.call(rbind, lapply(names(cases), function(k) {
  d <- cases[[k]]
  fit <- survfit(Surv(time, status) ~ 1, data = d)
  med <- quantile(fit, 0.5)
  data.frame(case = k, time = fit$time, n_risk = fit$n.risk, n_event = fit$n.event, n_censor = fit$n.censor,
             surv = fit$surv, std_err = fit$std.err, lower = fit$lower, upper = fit$upper, cumhaz = fit$cumhaz,
             std_chaz = fit$std.chaz, median = unname(med$quantile), median_lower = unname(med$lower),
             median_upper = unname(med$upper), r_call = "survfit(Surv(time, status) ~ 1, data = d)")
}))
write_ref(km_rows, "edge_km.csv")

lr_rows <- do.call(rbind, lapply(names(cases), function(k) {
  d <- cases[[k]]
  call <- "survdiff(Surv(time, status) ~ group, data = d)"
  sd <- tryCatch(survdiff(Surv(time, status) ~ group, data = d), error = function(e) conditionMessage(e))
  if (is.character(sd))
    return(data.frame(case = k, group = NA, observed = NA, expected = NA, chisq = NA, df = NA, p = NA,
                      error = sd, r_call = call))
  df <- sum(sd$exp > 0) - 1
  p <- suppressWarnings(pchisq(sd$chisq, df, lower.tail = FALSE))
  data.frame(case = k, group = sub("group=", "", names(sd$n)), observed = sd$obs, expected = sd$exp,
             chisq = sd$chisq, df = df, p = p, error = "", r_call = call)
}))
write_ref(lr_rows, "edge_logrank.csv")

# The time-fix check: 1e9 and 1e9 + 1 differ by 1e-9 relative, under the 1.5e-8 of aeqSurv, so R ties them by
# default; with timefix = FALSE it keeps them apart, as this library always does.
near <- data.frame(time = c(1e9, 1e9 + 1, 2e9), status = c(1, 1, 1))
tf <- data.frame(
  timefix = c(TRUE, FALSE),
  distinct_times = c(length(survfit(Surv(time, status) ~ 1, data = near)$time),
                     length(survfit(Surv(time, status) ~ 1, data = near, timefix = FALSE)$time)))
write_ref(tf, "edge_timefix.csv")

writeLines(c(R.version.string, paste("survival", as.character(packageVersion("survival")))), "r_versions.txt")
