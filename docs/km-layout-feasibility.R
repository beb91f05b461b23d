# Feasibility of the published Kaplan–Meier / follow-up numbers together (issue #17), in R survival 3.5 and cmprsk 2.2,
# with the study's month of 365/12 days (docs/reconstruction.md, "The paper's month").
#
# Question: can the days of death or last contact (and, if needed, the first-progression days of the SYN patients,
# each moving its whole course with it, death included) be re-laid so that every printed Kaplan–Meier, cumulative-
# incidence and follow-up number of the abstract, the Results and the Figure 1 and 3 captions agrees at its printed
# precision at once? Vital statuses, the scripted courses and the printed salvage days stay as they are.
#
#   Rscript docs/km-layout-feasibility.R COHORT eval [LAYOUT.csv]
#       every target on the cohort folder COHORT (CSV files, '#' lines are comments), optionally with the days of
#       LAYOUT.csv (patient_id,last_contact_day[,progression_day]) put in;
#   Rscript docs/km-layout-feasibility.R COHORT check
#       the search's estimator (kmfast) against survfit on 300 random layouts;
#   Rscript docs/km-layout-feasibility.R COHORT search SEED ITERATIONS [shift] [lex] [minimize] [keep=W] [t0=T]
#                                                      [only=a,b,...] [start=LAYOUT.csv] [out=FILE.csv]
#       simulated annealing over the days of death or last contact (quarter days, within the model's ranges); with
#       "shift" also over the first-progression day of each progressed SYN patient, whose whole course (later
#       progressions, salvage lines and responses, transplants, adverse events, re-infusions, death or last contact)
#       moves by the same number of days. Objective: sum over the targets of w * log(1 + miss), miss = distance from
#       the interval that rounds to the printed number in printed last digits; w = W (default 5) for a target that
#       agrees on COHORT (so that a layout keeps what agrees), 1 otherwise, 0 outside `only`; a cost per changed day
#       (0.002, or 0.05 with "minimize"; a shifted course counts 3) keeps the layout short. "lex": a move that makes
#       an agreeing target stop agreeing is refused. Temperature T (default 1) cooling geometrically to 0.005. Moves:
#       one end (Gaussian step, or next to another end, or on day 277 / 710 / 126 days after progression, the days
#       the two-decimal limits need), a linear warp of all ends in a window (keeps their order), an exchange of two
#       ends of the same vital status (keeps OS), a course shift, a restore. Writes the changed days to FILE.csv and
#       prints every target before and after (with survfit) and the two salvage HRs.
#
# Runs used for docs/reconstruction.md ("The Kaplan–Meier layout: feasibility"), on the continuation's cohort:
#   search 42 40000 keep=5 t0=0.3 start=hand out=a.csv; search 52 40000 shift keep=5 t0=0.3 start=a.csv out=b.csv;
#   search 72 30000 shift lex minimize keep=1 t0=0.1 start=b.csv out=c.csv;
#   search 82 30000 shift lex minimize keep=1 t0=0.05 start=c.csv out=km-layout.csv
#
# The model (as CohortBuilder / Blueprint.Range and docs/salvage-hr-feasibility.R): a progressed patient's death or
# last contact is at least 7 days after the last scripted event (max day over salvage starts and responses,
# transplants, progressions, responses, adverse events, DLI, infusions), at most 2500 (alive), 900 (dead, salvage
# given) or 240 (dead, no salvage) days after that; a patient without progression ends at least 7 days after the
# last scripted event, alive from day 600, dead from day 20, up to day 3500; the two early deaths (not evaluable,
# response recorded on the day of death) are not moved. The longest follow-up stays censored (no death on or after
# the last day), as the continuation requires. Progression day ranges: refractory 21-35, relapse 40-730.
#
# Definitions are the library's (ClinicalEndpoints, TargetRegistry.Survival/Counts): OS from day 0; EFS event = first
# progression (on the day of its record) or death; R/R incidence: cmprsk::cuminc status 1 = first progression,
# 2 = death without progression, limits on the log(-log) scale (the library's default); follow-up: reverse KM with
# deaths first at tied times (FollowUpResult, EventsFirst), quartiles by quantile.survfit's rule; OS after progression
# from the first progression, subgroups by CR to any salvage line; EFS after salvage CR from the response day of the
# first salvage CR to the next progression or death; remission duration = the same observed times, plain median/range.
suppressMessages({ library(survival); library(cmprsk) })
DPM <- 365 / 12                                   # days per month (the paper's)
args <- commandArgs(TRUE)
if (length(args) < 2) stop("usage: Rscript docs/km-layout-feasibility.R COHORT eval|search ...")
dir <- args[1]; mode <- args[2]
rd <- function(f) read.csv(file.path(dir, f), comment.char = "#", stringsAsFactors = FALSE)
fu <- rd("followup.csv"); pr <- rd("progressions.csv"); sv <- rd("salvage.csv"); tr <- rd("transplants.csv")
ae <- rd("adverse_events.csv"); dl <- rd("dli.csv"); rs <- rd("responses.csv"); inf <- rd("infusions.csv")

# ---- the cohort as vectors over the 56 patients ----
ids <- fu$patient_id
end0 <- setNames(fu$last_contact_day, ids)
dead <- setNames(fu$vital_status == "dead", ids)
p1 <- pr[pr$progression_number == 1, ]
pday0 <- setNames(p1$day[match(ids, p1$patient_id)], ids)          # NA: no progression
ptype <- setNames(p1$type[match(ids, p1$patient_id)], ids)
pcd19 <- setNames(p1$cd19[match(ids, p1$patient_id)], ids)
prog <- !is.na(pday0)
ev <- rbind(data.frame(id = sv$patient_id, d = pmax(sv$start_day, sv$response_day, na.rm = TRUE)),
            data.frame(id = tr$patient_id, d = tr$day), data.frame(id = pr$patient_id, d = pr$day),
            data.frame(id = ae$patient_id, d = ae$day), data.frame(id = dl$patient_id, d = dl$day),
            data.frame(id = rs$patient_id, d = rs$day), data.frame(id = inf$patient_id, d = inf$day))
last0 <- tapply(ev$d, ev$id, max)[ids]
early <- setNames(ids %in% rs$patient_id[rs$response == "not_evaluable" & rs$infusion_number == 1], ids)
treated <- setNames(ids %in% sv$patient_id, ids)
crl <- sv[sv$response %in% c("cr_mrd_neg", "cr_mrd_pos", "cr_mrd_unknown"), ]
crday0 <- setNames(tapply(crl$response_day, crl$patient_id, min)[ids], ids)   # response day of the first salvage CR
salvcr <- !is.na(crday0)
# next progression after the first salvage CR (absolute day), NA when none
nextp0 <- setNames(sapply(ids, function(i) { if (!salvcr[i]) return(NA); d <- pr$day[pr$patient_id == i & pr$day > crday0[i]]
  if (length(d)) min(d) else NA }), ids)
# bounds of the end day, relative to a course not shifted
lo0 <- ifelse(prog, last0 + 7, ifelse(dead, pmax(20, last0 + 7), pmax(600, last0 + 7)))
hi0 <- ifelse(prog, last0 + 7 + ifelse(!dead, 2500, ifelse(treated, 900, 240)), 3500)
movable <- !early
shiftable <- prog & grepl("^SYN", ids)
prange <- cbind(ifelse(ptype == "refractory", 21, 40), ifelse(ptype == "refractory", 35, 730))
rownames(prange) <- ids

# ---- the published targets (data/published/targets.csv, followed) ----
tg <- read.csv("data/published/targets.csv", stringsAsFactors = FALSE)
keys <- list(
  os_median = "res_os_median", os_lower = "res_os_lower", os_upper = "res_os_upper",
  os_36 = c("res_os_36m_est", "fig1b_os_36m_est"), os_36_lower = c("res_os_36m_lower", "fig1b_os_36m_lower"),
  os_36_upper = c("res_os_36m_upper", "fig1b_os_36m_upper"),
  efs_36 = c("res_efs_36m_est", "fig1a_efs_36m_est"), efs_36_lower = c("res_efs_36m_lower", "fig1a_efs_36m_lower"),
  efs_36_upper = c("res_efs_36m_upper", "fig1a_efs_36m_upper"),
  cif_12 = c("res_cif_rr_12m_est", "fig1c_cif_rr_12m_est"), cif_12_lower = c("res_cif_rr_12m_lower", "fig1c_cif_rr_12m_lower"),
  cif_12_upper = c("res_cif_rr_12m_upper", "fig1c_cif_rr_12m_upper"),
  fu_median = "res_followup_median", fu_q1 = "res_followup_iqr_low", fu_q3 = "res_followup_iqr_high",
  fu_prog_median = "res_followup_post_progression_median",
  osp_median = c("abs_os_after_progression_median", "fig3b_os_median", "res_os_post_progression_median"),
  osp_lower = "res_os_post_progression_lower", osp_upper = c("fig3b_os_upper", "res_os_post_progression_upper"),
  osp_12 = c("fig3b_os_12m_est", "res_os_post_progression_12m_est"), osp_12_lower = c("fig3b_os_12m_lower", "res_os_post_progression_12m_lower"),
  osp_12_upper = c("fig3b_os_12m_upper", "res_os_post_progression_12m_upper"),
  oscr_median = "res_os_salvage_cr_median", oscr_lower = "res_os_salvage_cr_lower",
  osnoncr_median = "res_os_salvage_noncr_median", osnoncr_lower = "res_os_salvage_noncr_lower", osnoncr_upper = "res_os_salvage_noncr_upper",
  efscr_median = c("res_salvage_cr_efs_median", "disc_salvage_cr_efs_median"), efscr_lower = "res_salvage_cr_efs_median_lower",
  # not Kaplan–Meier, but moved by the same days: kept agreeing where they agree
  remission_median = "res_remission_duration_median", remission_max = "res_remission_duration_max",
  ttr_median = c("res_time_to_relapse_median", "abs_time_to_progression_median"), ttr_min = "res_time_to_relapse_min",
  ttr_max = "res_time_to_relapse_max", ttr_cd19neg = "res_time_to_cd19neg_relapse_median", ttr_cd19pos = "res_time_to_cd19pos_relapse_median")
row1 <- sapply(keys, function(k) { r <- tg[tg$id == k[1], ]; stopifnot(nrow(r) == 1, r$followed == "yes"); c(r$value, r$precision) })
target <- row1[1, ]; digit <- 10^-row1[2, ]
kmkeys <- names(keys)[1:which(names(keys) == "efscr_lower")]
# an estimate agrees when it rounds to the printed number: [v - d/2, v + d/2) (TargetEvaluation)
miss <- function(v) { m <- pmax(target - digit / 2 - v, v - (target + digit / 2) + 1e-12, 0) / digit; m[!is.finite(m)] <- 100; m }

# ---- estimators ----
# R's quantile.survfit rule (survival 3.5, doquant): the first time 1 - S reaches p, the midpoint of a flat stretch
# when 1 - S equals p there (as QuantileFinder.Find).
qrule <- function(time, surv, p) {
  x <- c(0, time); y <- c(0, 1 - surv); keep <- !duplicated(y); x <- x[keep]; y <- y[keep]
  if (all(is.na(y)) || max(y, na.rm = TRUE) < p) return(NA_real_)       # NA: a limit where S = 0
  tol <- sqrt(.Machine$double.eps)
  i1 <- which(y + tol >= p)[1]; i2 <- which(y - tol >= p)[1]
  if (!is.na(y[length(y)]) && abs(p - y[length(y)]) < tol) return((x[i1] + max(c(0, time))) / 2)
  if (is.na(i2)) NA_real_ else (x[i1] + x[i2]) / 2
}
# reverse Kaplan–Meier with deaths first at tied times: G(t) = prod(1 - c_j / (n_j - d_j)) (FollowUpResult.EventsFirstCurve)
revkm <- function(t, e) {
  u <- sort(unique(t)); k <- match(t, u); n <- rev(cumsum(rev(tabulate(k, length(u)))))
  d <- tabulate(k[e == 1], length(u)); cc <- tabulate(k[e == 0], length(u)); ar <- n - d
  g <- cumprod(ifelse(cc > 0 & ar > 0, (ar - cc) / ar, 1))
  c(qrule(u, g, 0.5), qrule(u, g, 0.25), qrule(u, g, 0.75))
}
km <- function(t, e, at = NULL) {
  f <- survfit(Surv(t, e) ~ 1)                     # defaults: log CI, conf.int 0.95
  tb <- summary(f)$table
  out <- unname(tb[c("median", "0.95LCL", "0.95UCL")])
  if (!is.null(at)) { s <- summary(f, times = at, extend = TRUE); out <- c(out, 100 * s$surv, 100 * s$lower, 100 * s$upper) }
  out
}
# The same numbers without survfit's overhead, for the search (Kaplan–Meier product, Greenwood variance of log S,
# log limits exp(log S -/+ z se) with the upper capped at 1 and both NA where S = 0, as survfit; quantiles by qrule
# on each curve). Checked against survfit on random layouts (mode "check"); `report` always evaluates with survfit.
kmfast <- function(t, e, at = NULL) {
  u <- sort(unique(t)); k <- match(t, u); n <- rev(cumsum(rev(tabulate(k, length(u))))); d <- tabulate(k[e == 1], length(u))
  S <- cumprod(1 - d / n); se <- sqrt(cumsum(d / (n * (n - d)))); z <- qnorm(0.975)
  lo <- ifelse(S == 0, NA, S * exp(-z * se)); up <- ifelse(S == 0, NA, pmin(S * exp(z * se), 1))
  out <- c(qrule(u, S, 0.5), qrule(u, lo, 0.5), qrule(u, up, 0.5))
  if (!is.null(at)) { k <- max(c(0, which(u <= at))); out <- c(out, if (k == 0) c(100, 100, 100) else 100 * c(S[k], lo[k], up[k])) }
  out
}
cif <- function(t, st, at) {
  f <- cuminc(t, st, cencode = 0)[["1 1"]]
  i <- max(c(0, which(f$time <= at))); est <- f$est[i]; v <- f$var[i]
  if (est == 0) return(c(0, 0, 0))
  # log(-log) limits, upper capped at 1 (CumulativeIncidenceCurve.Limits with SurvivalConfidence.Limits)
  z <- qnorm(0.975); se <- sqrt(v) / est
  a <- exp(-exp(log(-log(est)) + z * se / log(est))); b <- exp(-exp(log(-log(est)) - z * se / log(est)))
  100 * c(est, min(a, b), min(1, max(a, b)))
}
mo <- function(d) d / DPM
cache <- new.env()

# the days of a state: end (absolute) for all, shift (days) of each course
evaluate <- function(end, shift, km = kmfast) {
  pday <- pday0 + shift; crday <- crday0 + shift; nextp <- nextp0 + shift
  os <- km(mo(end), dead, 36)
  efs_t <- ifelse(prog, pday, end); key <- paste(c(efs_t, identical(km, kmfast)), collapse = " ")
  if (!identical(key, cache$key)) {   # EFS and the R/R incidence move only with progression days and non-progressed ends
    cache$key <- key; cache$v <- c(km(mo(efs_t), prog | dead, 36)[4:6], cif(mo(efs_t), ifelse(prog, 1, ifelse(dead, 2, 0)), 12)) }
  efs <- cache$v[1:3]; ci <- cache$v[4:6]
  f <- revkm(mo(end), dead)
  pt <- mo(end[prog] - pday[prog]); pe <- dead[prog]
  osp <- km(pt, pe, 12); fup <- revkm(pt, pe)[1]
  g_cr <- salvcr[prog]; g_non <- treated[prog] & !salvcr[prog]
  oscr <- km(pt[g_cr], pe[g_cr])[1:2]; osnon <- km(pt[g_non], pe[g_non])
  rel <- !is.na(nextp[salvcr])
  et <- mo(ifelse(rel, nextp[salvcr], end[salvcr]) - crday[salvcr]); ee <- rel | dead[salvcr]
  efscr <- km(et, ee)[1:2]
  ttr <- mo(pday[prog & ptype == "relapse"])
  c(os, efs, ci, f, fup, osp, oscr, osnon, efscr, median(et), max(et), median(ttr), min(ttr), max(ttr),
    median(mo(pday[prog & pcd19 %in% "negative"])), median(mo(pday[prog & pcd19 %in% "positive"])))
}
state_ok <- function(end) { m <- max(end); !any(dead & end >= m) }     # the longest follow-up is censored
bounds <- function(shift) cbind(lo0 + ifelse(prog, shift, 0), hi0 + ifelse(prog, shift, 0))

read_layout <- function(f) {
  l <- read.csv(f, stringsAsFactors = FALSE); end <- end0; shift <- setNames(rep(0, length(ids)), ids)
  if ("progression_day" %in% names(l)) for (k in seq_len(nrow(l))) if (!is.na(l$progression_day[k]))
    shift[l$patient_id[k]] <- l$progression_day[k] - pday0[l$patient_id[k]]
  end[l$patient_id] <- l$last_contact_day
  list(end = end, shift = shift)
}
# The two time-dependent salvage HRs of the Results (not in the objective; shown because the same days drive them):
# tmerge on (0, days from first progression to death or last contact] (0.5 day for zero follow-up), tdc at the first
# salvage start and at the response day of the first salvage CR, coxph with Efron ties; the CR HR among the treated
# (ProgressionDatasets.SalvageTimeDependent, docs/salvage-hr-feasibility.R). Shifts move both days with the course.
tsal0 <- tapply(sv$start_day, sv$patient_id, min)[ids] - pday0
salvage_hrs <- function(end, shift) {
  p <- ids[prog]
  d <- data.frame(id = p, futime = pmax(end[p] - pday0[p] - shift[p], 0.5), dead = as.integer(dead[p]),
                  tsal = unname(tsal0[p]), tcr = unname(crday0[p] - pday0[p]))
  td <- tmerge(d[, c("id", "futime", "dead")], d, id = id, death = event(futime, dead))
  td <- tmerge(td, d[!is.na(d$tsal), ], id = id, salvage = tdc(tsal))
  td <- tmerge(td, d[!is.na(d$tcr), ], id = id, cr = tdc(tcr))
  td$salvage[is.na(td$salvage)] <- 0; td$cr[is.na(td$cr)] <- 0
  f <- function(m) { b <- coef(m); se <- sqrt(vcov(m)[1]); c(exp(b + c(0, -1, 1) * qnorm(.975) * se), 2 * pnorm(-abs(b / se))) }
  h <- rbind(f(coxph(Surv(tstart, tstop, death) ~ salvage, td)),
             f(coxph(Surv(tstart, tstop, death) ~ cr, td[td$id %in% d$id[!is.na(d$tsal)], ])))
  sprintf("%s %.3f (%.3f-%.3f), P = %.4f", c("salvage HR (published 0.48 (0.17-1.35), P = .16):", "CR-to-salvage HR (published 0.31 (0.11-0.87), P = .03):"),
          h[, 1], h[, 2], h[, 3], h[, 4])
}
report <- function(v0, v1) {
  m0 <- miss(v0); m1 <- miss(v1)
  out <- data.frame(target = names(keys), ids = sapply(keys, paste, collapse = " "), published = target,
                    before = signif(v0, 6), agrees_before = m0 == 0, after = signif(v1, 6), agrees_after = m1 == 0,
                    digits_missed_after = round(m1, 2), row.names = NULL)
  print(out, right = FALSE)
  cat(sprintf("agree: %d of %d before, %d after (Kaplan–Meier/CIF/follow-up: %d and %d of %d); printed rows agreeing: %d and %d of %d\n",
              sum(m0 == 0), length(m0), sum(m1 == 0), sum(m0[kmkeys] == 0), sum(m1[kmkeys] == 0), length(kmkeys),
              sum(lengths(keys) * (m0 == 0)), sum(lengths(keys) * (m1 == 0)), sum(lengths(keys))))
}
zero <- setNames(rep(0, length(ids)), ids)
v0 <- evaluate(end0, zero, km = km); names(v0) <- names(keys)

if (mode == "eval") {
  st <- if (length(args) >= 3) read_layout(args[3]) else list(end = end0, shift = zero)
  b <- bounds(st$shift); bad <- movable & (st$end < b[, 1] | st$end > b[, 2])
  if (any(bad)) cat("outside the model's range:", ids[bad], "\n")
  if (!state_ok(st$end)) cat("the longest follow-up ends in a death\n")
  report(v0, evaluate(st$end, st$shift, km = km))
  cat("before:", salvage_hrs(end0, zero), sep = "\n  "); cat("after:", salvage_hrs(st$end, st$shift), sep = "\n  ")
}

if (mode == "check") {   # the fast estimator against survfit on random layouts (ends and course shifts)
  set.seed(1); worst <- 0; differ <- 0
  for (k in 1:300) {
    e <- end0; i <- sample(ids[movable], 10); e[i] <- round(runif(10, 30, 1500) * 4) / 4
    sh <- zero; j <- sample(ids[shiftable], 5); sh[j] <- sample(-20:20, 5); e[j] <- e[j] + sh[j]
    a <- evaluate(e, sh); b <- evaluate(e, sh, km = km)
    if (any(is.na(a) != is.na(b))) differ <- differ + 1
    worst <- max(worst, abs(a - b) / pmax(1, abs(b)), na.rm = TRUE); differ <- differ + any((miss(a) == 0) != (miss(b) == 0))
  }
  cat(sprintf("300 random layouts: largest relative difference from survfit %.2g; layouts where NA or agreement differs: %d\n", worst, differ))
}

if (mode == "search") {
  seed <- as.integer(args[3]); iters <- as.integer(args[4]); useshift <- "shift" %in% args; lex <- "lex" %in% args
  outf <- sub("^out=", "", c(grep("^out=", args, value = TRUE), "km-layout.csv")[1])
  set.seed(seed)
  wkeep <- as.numeric(sub("^keep=", "", c(grep("^keep=", args, value = TRUE), "keep=5")[1]))
  T0 <- as.numeric(sub("^t0=", "", c(grep("^t0=", args, value = TRUE), "t0=1")[1]))
  w <- ifelse(miss(v0) == 0, wkeep, 1)
  pen <- if ("minimize" %in% args) 0.05 else 0.002       # cost per changed day (a shifted course counts 3)
  only <- grep("^only=", args, value = TRUE)             # a subset of the targets (names of `keys`, comma-separated)
  if (length(only)) w[!(names(keys) %in% strsplit(sub("^only=", "", only[1]), ",")[[1]])] <- 0
  cost <- function(end, shift) {
    v <- evaluate(end, shift); m <- miss(v)
    list(c = sum(w * log1p(m)) + pen * (sum(end != end0) + 3 * sum(shift != 0)), v = v, m = m)
  }
  q4 <- function(x) round(x * 4) / 4
  clampend <- function(end, shift, i) { b <- bounds(shift); min(max(end[i], b[i, 1]), b[i, 2]) }
  st0 <- grep("^start=", args, value = TRUE)            # start from a layout instead of the cohort's days
  if (length(st0) && st0[1] == "start=hand") {
    # The hand start (docs/reconstruction.md): the OS pattern kept, its times compressed so that the 22nd death, where
    # the lower band first reaches 0.5, falls on day 277: six non-progressed deaths from days 600-615 and the deaths
    # of SYN16-SYN19 (never treated, early after progression) to days 265-277; MSK39 (alive, lost to follow-up)
    # censored 136 days after its salvage CR, the 7th of the 13 remission times (remission median 4.5).
    end <- end0; shift <- zero
    end[c("SYN37", "SYN27", "SYN32", "SYN29", "SYN35", "SYN36")] <- c(265.25, 266, 267, 268, 269, 277)
    end[c("SYN16", "SYN17", "SYN18", "SYN19")] <- c(270, 272, 274, 276)
    end["MSK39"] <- 218
  } else if (length(st0)) { st <- read_layout(sub("^start=", "", st0[1])); end <- st$end; shift <- st$shift } else { end <- end0; shift <- zero }
  cur <- cost(end, shift); best <- cur; bend <- end; bshift <- shift
  mv <- ids[movable]; sh <- ids[shiftable]
  t_start <- Sys.time()
  for (it in 1:iters) {
    if (it %% 2000 == 0) cat(sprintf("%d moves, %.0f s: cost %.3f, best %.3f, %d of %d agree\n", it,
                                     as.numeric(difftime(Sys.time(), t_start, units = "secs")), cur$c, best$c, sum(best$m == 0), length(best$m)))
    T <- T0 * (0.005 / T0)^(it / iters)
    ne <- end; ns <- shift; r <- runif(1)
    if (useshift && r < 0.2) {                       # shift a SYN patient's whole course
      i <- sample(sh, 1); d <- if (runif(1) < 0.5) round(rnorm(1, 0, 30)) else sample(c(-3:-1, 1:3), 1)
      np <- min(max(pday0[i] + ns[i] + d, prange[i, 1]), prange[i, 2]); d <- np - pday0[i] - ns[i]
      ns[i] <- ns[i] + d; ne[i] <- ne[i] + d
    } else if (r < 0.3) {                            # warp: the ends in [a, b] mapped linearly onto [a, b'] (keeps their order)
      a <- runif(1, 20, 1200); b <- a + runif(1, 20, 400); b2 <- a + (b - a) * exp(rnorm(1, 0, 0.15))
      k <- mv[ne[mv] >= a & ne[mv] <= b]; ne[k] <- q4(a + (ne[k] - a) * (b2 - a) / (b - a)); i <- k
    } else if (r < 0.55) {                           # Gaussian step of one end
      i <- sample(mv, 1); ne[i] <- q4(ne[i] + rnorm(1, 0, if (runif(1) < 0.5) 5 else 60))
    } else if (r < 0.8) {                            # put one end just before, on or after another's
      i <- sample(mv, 1); j <- sample(ids[ids != i], 1); ne[i] <- ne[j] + sample(c(-1, -0.25, 0, 0.25, 1), 1)
    } else if (r < 0.85) {                           # a death on a day that a two-decimal limit needs
      i <- sample(mv[dead[mv]], 1)
      ne[i] <- if (prog[i] && runif(1) < 0.5) pday0[i] + ns[i] + 126 else sample(c(277, 710), 1)
    } else if (r < 0.92) {                           # exchange the ends of two patients of the same vital status
      i <- sample(mv, 1); j <- sample(mv[mv != i & dead[mv] == dead[i]], 1); ne[c(i, j)] <- ne[c(j, i)]
    } else {                                         # restore a patient's day (and course)
      i <- sample(mv, 1); if (useshift && ns[i] != 0 && runif(1) < 0.5) ns[i] <- 0; ne[i] <- end0[i] + ns[i]
    }
    for (k in intersect(unique(c(i, if (exists("j")) j)), mv)) ne[k] <- clampend(ne, ns, k)
    if (!length(i)) next
    if (exists("j")) rm(j)
    if (!state_ok(ne)) next
    cn <- cost(ne, ns)
    if (lex && any(cn$m[cur$m == 0 & w > 0] > 0)) next     # lex: a target that agrees never stops agreeing
    if (cn$c <= cur$c || runif(1) < exp((cur$c - cn$c) / T)) { end <- ne; shift <- ns; cur <- cn
      if (cur$c < best$c) { best <- cur; bend <- end; bshift <- shift } }
  }
  ch <- ids[bend != end0 | bshift != 0]
  cat(sprintf("search seed %d, %d moves%s: %d patients changed\n", seed, iters, if (useshift) ", SYN courses shifted" else "", length(ch)))
  lay <- data.frame(patient_id = ch, last_contact_day = unname(bend[ch]))
  if (useshift) lay$progression_day <- ifelse(bshift[ch] != 0, pday0[ch] + bshift[ch], NA)
  print(cbind(lay, end0 = unname(end0[ch]), dead = unname(dead[ch]), progressed = unname(prog[ch])))
  write.csv(lay, outf, row.names = FALSE, na = "")
  report(v0, evaluate(bend, bshift, km = km))
  cat("before:", salvage_hrs(end0, zero), sep = "\n  "); cat("after:", salvage_hrs(bend, bshift), sep = "\n  ")
}
