# logrank_reference.R -- log-rank / G-rho test reference values from R's
# survival::survdiff.
#
# Run from this folder, after datasets.R:   Rscript logrank_reference.R
#
# Writes
#   logrank.csv          case, rho, chisq, df, p, + the R call
#   logrank_groups.csv   case, group, n, observed, expected (summed over strata)
#   logrank_strata.csv   case, stratum, group, observed, expected (per stratum)
#   logrank_var.csv      case, i, j, value: the variance matrix of O - E
#   r_versions.txt       (re)written, same content as km_reference.R writes
#
# survdiff() accepts neither case weights nor delayed entry, so every case
# is plain right-censored (time, status) data.
#
# What survdiff computes (Harrington & Fleming 1982 G-rho family):
#   at each distinct event time t (within a stratum) with n_t at risk and
#   d_t events, weight w_t = S(t-)^rho, S the Kaplan-Meier of the pooled data
#   of that stratum (rho = 0: log-rank; rho = 1: Peto & Peto's
#   modification of the Gehan-Wilcoxon test);
#   observed_g = sum_t w_t d_gt, expected_g = sum_t w_t d_t n_gt / n_t
#   (so for rho != 0 both "observed" and "expected" are weighted);
#   var[g,h]  = sum_t w_t^2 d_t (n_t - d_t) / (n_t - 1) * (n_gt/n_t) (delta_gh - n_ht/n_t)
#   (a time with n_t = 1 contributes 0);
#   everything summed over strata; chisq = (O-E)' V^- (O-E) with a
#   generalized inverse.  df = (number of groups with expected > 0) - 1, as
#   print.survdiff computes it; p = pchisq(chisq, df, lower.tail = FALSE).

source("ref_helpers.R")

d <- list(lung = read_dataset("lung"), veteran = read_dataset("veteran"),
          aml = read_dataset("aml"), ovarian = read_dataset("ovarian"),
          synthetic_km = read_dataset("synthetic_km"))

# case id, dataset, formula text, rho
cases <- data.frame(stringsAsFactors = FALSE, rbind(
  c("lung_sex_rho0",            "lung",    "Surv(time, status == 2) ~ sex", 0),
  c("lung_sex_rho1",            "lung",    "Surv(time, status == 2) ~ sex", 1),
  c("veteran_celltype_rho0",    "veteran", "Surv(time, status) ~ celltype", 0),
  c("veteran_trt_strata_prior", "veteran", "Surv(time, status) ~ trt + strata(prior)", 0),
  c("aml_x_rho0",               "aml",     "Surv(time, status) ~ x", 0),
  c("ovarian_rx_rho0",          "ovarian", "Surv(futime, fustat) ~ rx", 0),
  c("syn_grp_rho0",             "synthetic_km", "Surv(time, status) ~ grp", 0),
  c("syn_grp_strata_rho0",      "synthetic_km", "Surv(time, status) ~ grp + strata(strat)", 0),
  c("syn_grp_strata_rho0.5",    "synthetic_km", "Surv(time, status) ~ grp + strata(strat)", 0.5)))
names(cases) <- c("case", "dataset", "formula", "rho")
cases$rho <- as.numeric(cases$rho)

# Group label without R's "var=" prefix ("trt=1" -> "1").
strip <- function(x) sub("^[^=]*=", "", x)

tests <- list(); groups <- list(); strata <- list(); vars <- list()
for (k in seq_len(nrow(cases))) {
  cs <- cases[k, ]
  call_txt <- sprintf("survdiff(%s, data = %s, rho = %s)", cs$formula, cs$dataset,
                      format(cs$rho))
  sd <- eval(parse(text = call_txt), envir = list2env(d))
  obs <- if (is.matrix(sd$obs)) rowSums(sd$obs) else sd$obs
  expct <- if (is.matrix(sd$exp)) rowSums(sd$exp) else sd$exp
  df <- sum(expct > 0) - 1
  p <- pchisq(sd$chisq, df, lower.tail = FALSE)
  stopifnot(isTRUE(all.equal(p, sd$pvalue)))
  gl <- strip(names(sd$n))
  tests[[k]] <- data.frame(case = cs$case, rho = cs$rho, chisq = sd$chisq, df = df,
                           p = p, r_call = call_txt, stringsAsFactors = FALSE)
  groups[[k]] <- data.frame(case = cs$case, group = gl, n = as.vector(sd$n),
                            observed = obs, expected = expct, stringsAsFactors = FALSE)
  if (is.matrix(sd$obs)) {
    sl <- strip(names(sd$strata))
    strata[[k]] <- data.frame(case = cs$case, stratum = rep(sl, each = length(gl)),
                              group = rep(gl, times = length(sl)),
                              observed = as.vector(sd$obs), expected = as.vector(sd$exp),
                              stringsAsFactors = FALSE)
  }
  v <- as.matrix(sd$var)
  vars[[k]] <- data.frame(case = cs$case, i = rep(seq_len(nrow(v)), times = ncol(v)),
                          j = rep(seq_len(ncol(v)), each = nrow(v)), value = as.vector(v),
                          stringsAsFactors = FALSE)
}
write_ref(do.call(rbind, tests), "logrank.csv")
write_ref(do.call(rbind, groups), "logrank_groups.csv")
write_ref(do.call(rbind, strata), "logrank_strata.csv")
write_ref(do.call(rbind, vars), "logrank_var.csv")

writeLines(c(R.version.string,
             paste("survival", as.character(packageVersion("survival")))),
           "r_versions.txt")
cat("wrote r_versions.txt\n")
