# Feasibility of the isolated families of published targets that the shipped cohort misses (issue #17), in R survival 3.5.
#
# A family is a set of targets that depends only on a few per-patient baseline values which the reconstruction may
# change or exchange without moving any event time (data/cohort keeps every day; Table 1's counts by group hold):
#
#   lines      prior_lines (1-7, Blueprint.Range(Gene.PriorLines)): t1_prior_lines_*, res_prior_lines_progressed_median/max,
#              disc_prior_lines_median, t2_prior_lines_gt3_* (cause-specific Cox of R/R disease, >3 vs <=3).
#   steroid    who received corticosteroid after the first infusion (12 of 38 progressed, 7 of 18 not: swapped within a
#              group only, GenomeMoves.CountedAttributes) and their start day (3-15), duration (1-27 d) and dose intensity
#              (0.70-6.75 mg/kg/d by 0.01): res_corticosteroid_*, t1_corticosteroid_*, t1_steroid_*, t2_steroid,
#              t2_steroid_duration, t2_steroid_dose.
#   age        age_years (19-78): t1_age_*, res_age_progressed_min/max, t2_age_gt40_*, t3_uni_age_gt40_* (OS after
#              progression, the 38 progressed).
#   sex        male (28 of 38, 14 of 18; swapped within a group): t1_male_sex_*, t2_male_*, t3_uni_male_*.
#   platelets  platelets_low (free, flipped): t2_platelets_normal_*.
#   flu        fludarabine lymphodepletion (free, flipped; fixed for the 10 Table 5 patients): t2_flu_ld_*.
#   hsct       consolidative HSCT (6 of 38, 9 of 18, swapped among the eligible: Blueprint.Allowed(Attr.Consolidation);
#              a non-progressed patient is eligible here only if the transplant fits at least 7 days before the end of
#              follow-up, so no day of death or last contact moves): t1_hsct_consolidation_*,
#              res_consolidative_hsct_relapsed_n, t2_hsct_consolidation_* (the study's baseline indicator).
#
# Every formula is the library's (TargetRegistry.Table1/Counts/Tables23, StudyView.Table2/Table3): Table 2 is coxph
# (Efron) of time to first progression (progression day; otherwise last contact, censored) on all 56; Table 3 of days
# from the first progression to death or last contact on the 38; Wald CI and P; months of 365/12 days; medians of
# Table 1 as R's median; Wilcoxon as wilcox.test defaults; agreement as TargetEvaluation.AgreesWith (R's round at the
# printed precision). `check` compares every family target with `cartoutcomes reproduce --json` to 1e-6 relative.
#
# Usage (from the repository root; one core):
#   Rscript docs/family-feasibility.R check REPRODUCE.json        # the family targets on data/cohort vs the library
#   Rscript docs/family-feasibility.R FAMILY OUTDIR [SEED] [ITER]  # anneal FAMILY, write OUTDIR/FAMILY-assignment.csv
#   Rscript docs/family-feasibility.R all OUTDIR [SEED] [ITER]     # every family in turn
# The assignment CSV has rows patient_id,variable,value (variable = the data/cohort column: prior_lines, age_years,
# sex, platelets_low, lymphodepletion, corticosteroid_start_day, corticosteroid_duration_days,
# corticosteroid_dose_intensity; for hsct the transplant day of a consolidative HSCT, variable
# consolidation_transplant_day, empty = none) for every patient whose value differs from data/cohort.
#
# Findings: see the FINDINGS block at the end of this file (filled in from the runs recorded there).
suppressMessages(library(survival))

rd <- function(f) read.csv(file.path("data/cohort", f), comment.char = "#", stringsAsFactors = FALSE)
pa <- rd("patients.csv"); inf <- rd("infusions.csv"); pr <- rd("progressions.csv"); fu <- rd("followup.csv")
tr <- rd("transplants.csv"); sv <- rd("salvage.csv")
tg <- read.csv("data/published/targets.csv", stringsAsFactors = FALSE)
ids <- pa$patient_id
n <- length(ids)
inf1 <- inf[inf$infusion_number == 1, ]; inf1 <- inf1[match(ids, inf1$patient_id), ]
p1 <- pr[pr$progression_number == 1, ]
pday <- p1$day[match(ids, p1$patient_id)]
prog <- !is.na(pday)
endd <- fu$last_contact_day[match(ids, fu$patient_id)]
dead <- fu$vital_status[match(ids, fu$patient_id)] == "dead"
MONTH <- 365 / 12
# Table 2 outcome: all 56, time to R/R disease (first progression) in months, censored at death or last contact
t2t <- ifelse(prog, pday, endd) / MONTH; t2e <- as.integer(prog)
# Table 3 outcome: the 38 progressed, months from the first progression to death or last contact
pi_ <- which(prog)
t3t <- (endd[pi_] - pday[pi_]) / MONTH; t3e <- as.integer(dead[pi_])

# ---- the library's statistics ----
cox1 <- function(t, e, x) {
  k <- !is.na(x)
  if (length(unique(x[k])) < 2) return(c(hr = NA, lower = NA, upper = NA, p = NA))
  f <- coxph.fit(matrix(x[k]), Surv(t[k], e[k]), strata = NULL, offset = NULL, init = NULL, control = coxph.control(),
                 weights = NULL, method = "efron", rownames = NULL, resid = FALSE)
  b <- unname(f$coefficients); se <- sqrt(f$var[1, 1]); z <- qnorm(0.975)
  c(hr = exp(b), lower = exp(b - z * se), upper = exp(b + z * se), p = 2 * pnorm(-abs(b / se)))
}
hrrow <- function(prefix, r) setNames(unname(r), paste0(prefix, c("_hr", "_hr_lower", "_hr_upper", "_p")))
mmm <- function(prefix, x) { x <- x[!is.na(x)]
  setNames(c(median(x), min(x), max(x)), paste0(prefix, c("_median", "_min", "_max"))) }
wil <- function(x, y) suppressWarnings(wilcox.test(x[!is.na(x)], y[!is.na(y)])$p.value)
grp <- function(name, flag, relapse = TRUE) {
  out <- c(sum(flag[!prog]), 100 * mean(flag[!prog]))
  nm <- paste0("t1_", name, c("_norelapse_n", "_norelapse_pct"))
  if (relapse) { out <- c(sum(flag[prog]), 100 * mean(flag[prog]), out); nm <- c(paste0("t1_", name, c("_relapse_n", "_relapse_pct")), nm) }
  setNames(out, nm)
}
fisher2 <- function(flag) fisher.test(matrix(c(sum(flag[prog]), sum(!flag[prog]), sum(flag[!prog]), sum(!flag[!prog])), 2))$p.value

# ---- families: value functions of a state (a list of per-patient vectors) ----
fam <- list()
same_counts <- function(x, x0) sum(x[prog]) == sum(x0[prog]) && sum(x[!prog]) == sum(x0[!prog])
fam$lines <- list(
  init = function() list(lines = pa$prior_lines),
  values = function(s) { x <- s$lines
    c(mmm("t1_prior_lines_relapse", x[prog]), mmm("t1_prior_lines_norelapse", x[!prog]),
      t1_prior_lines_p = wil(x[prog], x[!prog]),
      res_prior_lines_progressed_median = median(x[prog]), res_prior_lines_progressed_min = min(x[prog]),
      res_prior_lines_progressed_max = max(x[prog]), disc_prior_lines_median = median(x[prog]),
      hrrow("t2_prior_lines_gt3", cox1(t2t, t2e, as.numeric(x > 3)))) },
  meds = function(s) list(t1_prior_lines_relapse_median = s$lines[prog], res_prior_lines_progressed_median = s$lines[prog],
                          disc_prior_lines_median = s$lines[prog], t1_prior_lines_norelapse_median = s$lines[!prog]),
  write = function(s) data.frame(patient_id = ids, variable = "prior_lines", value = s$lines)[s$lines != pa$prior_lines, ])

st0 <- !is.na(inf1$corticosteroid_start_day)
fam$steroid <- list(
  init = function() list(on = st0, day = ifelse(st0, inf1$corticosteroid_start_day, 8),
                         dur = ifelse(st0, inf1$corticosteroid_duration_days, 7),
                         dose = ifelse(st0, round(100 * inf1$corticosteroid_dose_intensity), 137)),
  values = function(s) { on <- s$on; d <- s$dose / 100
    a <- c(res_corticosteroid_n = sum(on), res_corticosteroid_pct = 100 * mean(on), mmm("res_corticosteroid_day", s$day[on]),
           grp("corticosteroid", on),
           t1_corticosteroid_p = suppressWarnings(chisq.test(matrix(c(sum(on[prog]), sum(!on[prog]), sum(on[!prog]), sum(!on[!prog])), 2), correct = FALSE)$p.value))
    for (v in list(list("day", s$day), list("duration", s$dur), list("dose", d))) {
      x <- v[[2]]; nm <- paste0("t1_steroid_", v[[1]])
      a <- c(a, mmm(paste0(nm, "_relapse"), x[on & prog]), mmm(paste0(nm, "_norelapse"), x[on & !prog]),
             setNames(wil(x[on & prog], x[on & !prog]), paste0(nm, "_p")))
    }
    c(a, hrrow("t2_steroid", cox1(t2t, t2e, as.numeric(on))),
      hrrow("t2_steroid_duration", cox1(t2t, t2e, ifelse(on, s$dur, NA))),
      hrrow("t2_steroid_dose", cox1(t2t, t2e, ifelse(on, d, NA)))) },
  valid = function(s) same_counts(s$on, st0),
  meds = function(s) { on <- s$on
    list(res_corticosteroid_day_median = s$day[on], t1_steroid_day_relapse_median = s$day[on & prog],
         t1_steroid_day_norelapse_median = s$day[on & !prog], t1_steroid_duration_relapse_median = s$dur[on & prog],
         t1_steroid_duration_norelapse_median = s$dur[on & !prog], t1_steroid_dose_relapse_median = s$dose[on & prog] / 100,
         t1_steroid_dose_norelapse_median = s$dose[on & !prog] / 100) },
  write = function(s) {
    val <- function(v, x) ifelse(s$on, format(x), "")
    rows <- rbind(data.frame(patient_id = ids, variable = "corticosteroid_start_day", value = val(0, s$day), old = ifelse(st0, format(inf1$corticosteroid_start_day), "")),
                  data.frame(patient_id = ids, variable = "corticosteroid_duration_days", value = val(0, s$dur), old = ifelse(st0, format(inf1$corticosteroid_duration_days), "")),
                  data.frame(patient_id = ids, variable = "corticosteroid_dose_intensity", value = val(0, sprintf("%.2f", s$dose / 100)),
                             old = ifelse(st0, sprintf("%.2f", inf1$corticosteroid_dose_intensity), "")))
    rows[rows$value != rows$old, 1:3] })

fam$age <- list(
  init = function() list(age = pa$age_years),
  values = function(s) { x <- s$age
    c(mmm("t1_age_relapse", x[prog]), mmm("t1_age_norelapse", x[!prog]), t1_age_p = wil(x[prog], x[!prog]),
      res_age_progressed_median = median(x[prog]), res_age_progressed_min = min(x[prog]), res_age_progressed_max = max(x[prog]),
      hrrow("t2_age_gt40", cox1(t2t, t2e, as.numeric(x > 40))), hrrow("t3_uni_age_gt40", cox1(t3t, t3e, as.numeric(x[pi_] > 40)))) },
  meds = function(s) list(t1_age_relapse_median = s$age[prog], t1_age_norelapse_median = s$age[!prog]),
  write = function(s) data.frame(patient_id = ids, variable = "age_years", value = s$age)[s$age != pa$age_years, ])

male0 <- pa$sex == "male"
fam$sex <- list(
  init = function() list(male = male0),
  valid = function(s) same_counts(s$male, male0),
  values = function(s) { x <- s$male
    c(grp("male_sex", x), t1_male_sex_p = fisher2(x),
      hrrow("t2_male", cox1(t2t, t2e, as.numeric(x))), hrrow("t3_uni_male", cox1(t3t, t3e, as.numeric(x[pi_])))) },
  write = function(s) data.frame(patient_id = ids, variable = "sex", value = ifelse(s$male, "male", "female"))[s$male != male0, ])

plt0 <- pa$platelets_low == "yes"
fam$platelets <- list(
  init = function() list(low = plt0),
  values = function(s) hrrow("t2_platelets_normal", cox1(t2t, t2e, as.numeric(!s$low))),
  write = function(s) data.frame(patient_id = ids, variable = "platelets_low", value = ifelse(s$low, "yes", "no"))[s$low != plt0, ])

flu0 <- grepl("Flu", inf1$lymphodepletion)
t5 <- ids %in% inf$patient_id[inf$infusion_number == 2]  # Table 5 patients: lymphodepletion printed
fam$flu <- list(
  init = function() list(flu = flu0),
  values = function(s) hrrow("t2_flu_ld", cox1(t2t, t2e, as.numeric(s$flu))),
  write = function(s) data.frame(patient_id = ids, variable = "lymphodepletion", value = ifelse(s$flu, "Flu/Cy", "Cy 3 g/m2"))[s$flu != flu0, ])

cons0 <- ids %in% tr$patient_id[tr$setting == "consolidation"]
named <- grepl("^MSK", ids)
refr <- ids %in% p1$patient_id[p1$type == "refractory"]
allo_after <- ids %in% tr$patient_id[tr$setting == "after_salvage"]
# Blueprint.Allowed(Attr.Consolidation): progressed - not refractory, not named, no alloHSCT after salvage; not
# progressed - not an early death (response not evaluable). Here also: the transplant (day 60 + AlloGap, AlloGap
# 10-150) fits 7 days before the end of follow-up, so no end day moves.
early <- ids %in% rd("responses.csv")$patient_id[rd("responses.csv")$response == "not_evaluable"]
cons_ok <- ifelse(prog, !refr & !named & !allo_after, !early & endd >= 60 + 10 + 7) | cons0
fam$hsct <- list(
  init = function() list(cons = cons0),
  valid = function(s) same_counts(s$cons, cons0) && all(cons_ok[s$cons]),
  values = function(s) { x <- s$cons
    c(grp("hsct_consolidation", x), t1_hsct_consolidation_p = fisher2(x),
      res_consolidative_hsct_relapsed_n = sum(x & prog & !refr),
      hrrow("t2_hsct_consolidation", cox1(t2t, t2e, as.numeric(x)))) },
  write = function(s) {
    day <- ifelse(prog, 28 + (pday - 28) / 2, pmin(60 + 80, endd - 7))
    old <- tr$day[match(ids, tr$patient_id[tr$setting == "consolidation"])]
    data.frame(patient_id = ids, variable = "consolidation_transplant_day",
               value = ifelse(s$cons, ifelse(cons0, old, day), NA))[s$cons != cons0, ] })

# ---- agreement (TargetEvaluation.AgreesWith / Miss) ----
tv <- setNames(tg$value, tg$id); tp <- setNames(tg$precision, tg$id); tf <- setNames(tg$followed == "yes", tg$id)
agrees <- function(v) { id <- names(v); ok <- is.finite(v)
  r <- rep(FALSE, length(v)); r[ok] <- abs(round(v[ok], tp[id[ok]]) - tv[id[ok]]) < 0.5 * 10^(-tp[id[ok]] - 3); setNames(r, id) }
miss <- function(v) { id <- names(v); u <- 10^(-tp[id]); a <- agrees(v)
  m <- pmax(abs(v - tv[id]) - 0.5 * u, 0) / u + 0.01; m[a] <- 0; m[!is.finite(m)] <- 100; m }

# ---- check against the library ----
args <- commandArgs(TRUE)
if (length(args) >= 2 && args[1] == "check") {
  js <- paste(readLines(args[2], warn = FALSE), collapse = "")
  m <- regmatches(js, gregexpr('"id":"[^"]+","source":"[^"]*","statistic":"[^"]*","published":[^,]+,"reproduced":[^,]+', js))[[1]]
  lib <- setNames(suppressWarnings(as.numeric(sub('.*"reproduced":', "", m))), sub('"id":"([^"]+)".*', "\\1", m))
  worst <- 0
  for (f in names(fam)) {
    v <- fam[[f]]$values(fam[[f]]$init())
    d <- abs(v - lib[names(v)]) / pmax(abs(lib[names(v)]), 1e-300)
    worst <- max(worst, d, na.rm = TRUE)
    bad <- names(v)[!(is.finite(d) & d < 1e-6)]
    cat(sprintf("%-9s %2d targets, %2d agree (followed: %d of %d); largest relative difference from the library %.2g%s\n", f, length(v),
                sum(agrees(v)), sum(agrees(v)[tf[names(v)]]), sum(tf[names(v)]), max(d, na.rm = TRUE),
                if (length(bad)) paste(" MISMATCH:", paste(bad, collapse = " ")) else ""))
  }
  quit(status = if (worst < 1e-6) 0 else 1)
}

# ---- apply assignments to a copy of data/cohort (to check them with `cartoutcomes reproduce --cohort COPY`) ----
# Edits the CSV lines in place (every other field keeps its text, so nothing else moves by a rounding).
if (length(args) >= 3 && args[1] == "apply") {
  outc <- args[length(args)]; dir.create(outc, showWarnings = FALSE, recursive = TRUE)
  for (f in list.files("data/cohort", full.names = TRUE)) file.copy(f, outc, overwrite = TRUE)
  edit <- function(file, id, col, value, where = function(fl) TRUE) {
    L <- readLines(file.path(outc, file)); body <- which(!startsWith(L, "#"))
    hdr <- strsplit(L[body[1]], ",")[[1]]; k <- match(col, hdr)
    for (r in body[-1]) { fl <- strsplit(L[r], ",", fixed = TRUE)[[1]]; length(fl) <- length(hdr); fl[is.na(fl)] <- ""
      if (fl[1] == id && where(fl)) { fl[k] <- value; L[r] <- paste(fl, collapse = ",") } }
    writeLines(L, file.path(outc, file)) }
  for (a in args[2:(length(args) - 1)]) {
    w <- read.csv(a, stringsAsFactors = FALSE, colClasses = "character")
    for (r in seq_len(nrow(w))) {
      v <- w$variable[r]; id <- w$patient_id[r]; x <- w$value[r]; if (is.na(x)) x <- ""
      if (v %in% c("prior_lines", "age_years", "sex", "platelets_low")) edit("patients.csv", id, v, x)
      else if (v %in% c("lymphodepletion", "corticosteroid_start_day", "corticosteroid_duration_days", "corticosteroid_dose_intensity"))
        edit("infusions.csv", id, v, x, function(fl) fl[2] == "1")
      else if (v == "consolidation_transplant_day") {
        L <- readLines(file.path(outc, "transplants.csv"))
        L <- L[!(startsWith(L, paste0(id, ",")) & grepl(",consolidation,", L, fixed = TRUE))]
        if (x != "") L <- c(L, paste(id, x, "consolidation", "cr_mrd_neg", sep = ","))
        writeLines(L, file.path(outc, "transplants.csv"))
      } else stop("unknown variable ", v, " in ", a)
    }
  }
  cat("wrote", outc, "\n"); quit(status = 0)
}

# ---- annealing over a family's values ----
# Moves (each keeps Table 1's group counts): the counted flags (steroid, sex, hsct) are exchanged between two patients
# of the same group; values (lines, age, steroid day/duration/dose) move by a small step or are redrawn within the
# blueprint's range, or are exchanged between two patients of a group; free flags (platelets, flu) are flipped.
propose <- function(f, s) {
  pick <- function(pool) pool[sample.int(length(pool), 1)]
  grpof <- function(i) if (prog[i]) which(prog) else which(!prog)
  int_move <- function(x, lo, hi, pool = seq_len(n)) {
    i <- pick(pool)
    u <- runif(1)
    if (u < 0.2) { j <- pick(intersect(grpof(i), pool)); t <- x[i]; x[i] <- x[j]; x[j] <- t }
    else if (u < 0.35) x[i] <- sample(lo:hi, 1)
    else x[i] <- min(hi, max(lo, x[i] + sample(c(-2, -1, 1, 2), 1)))
    x }
  swap_flag <- function(x, ok = rep(TRUE, n)) {
    g <- if (runif(1) < 38 / 56) prog else !prog
    a <- which(g & x & ok); b <- which(g & !x & ok)
    if (length(a) && length(b)) { i <- pick(a); j <- pick(b); x[i] <- FALSE; x[j] <- TRUE }
    x }
  switch(f,
    lines = { s$lines <- int_move(s$lines, 1, 7); s },
    age = { s$age <- int_move(s$age, 19, 78); s },
    sex = { s$male <- swap_flag(s$male); s },
    hsct = { s$cons <- swap_flag(s$cons, cons_ok); s },
    platelets = { i <- sample.int(n, 1); s$low[i] <- !s$low[i]; s },
    flu = { i <- pick(which(!t5)); s$flu[i] <- !s$flu[i]; s },
    steroid = {
      u <- runif(1); on <- which(s$on)
      if (u < 0.25) s$on <- swap_flag(s$on)
      else if (u < 0.5) s$day <- int_move(s$day, 3, 15, on)
      else if (u < 0.75) s$dur <- int_move(s$dur, 1, 27, on)
      else { x <- s$dose; i <- pick(on); w <- runif(1)
        x[i] <- if (w < 0.15) sample(70:675, 1) else if (w < 0.3) x[pick(on)] else min(675, max(70, x[i] + round(rnorm(1, 0, 15))))
        s$dose <- x }
      s })
}

anneal <- function(f, seed, iters) {
  set.seed(seed)
  F <- fam[[f]]; s <- F$init()
  v0 <- F$values(s)
  ids_f <- names(v0)[tf[names(v0)]]
  # The cost: log(1 + miss) summed over the followed targets (TargetScoring's shape), plus for each median that misses
  # half the number of values that must cross the printed value before it can agree (a median moves only when enough
  # values cross it, so its own miss is flat over most moves).
  mdef <- function(id, x) { x <- x[!is.na(x)]; k <- floor(length(x) / 2) + 1; u <- 10^(-tp[id]); m <- median(x)
    if (m >= tv[id] + u / 2) max(1, k - sum(x <= tv[id])) else if (m < tv[id] - u / 2) max(1, k - sum(x >= tv[id])) else 0 }
  # A tie-break of 0.01 per value that differs from data/cohort keeps the assignment near the shipped cohort.
  s_init <- s
  nchanged <- function(s) sum(mapply(function(a, b) sum(a != b), s, s_init))
  cost <- function(v, s) { m <- miss(v[ids_f]); c_ <- sum(log1p(m)) + 0.01 * nchanged(s)
    if (!is.null(F$meds)) { md <- F$meds(s); for (id in intersect(names(md), ids_f[m[ids_f] > 0])) c_ <- c_ + 0.5 * mdef(id, md[[id]]) }
    unname(c_) }
  cur <- s; cv <- v0; cc <- cost(v0, s); best <- cur; bc <- cc; bv <- cv
  t0 <- 0.5
  for (k in seq_len(iters)) {
    s2 <- propose(f, cur)
    while (runif(1) < 0.4) s2 <- propose(f, s2)  # compound moves: 2, 3, ... steps at once with probability 0.4, 0.16, ...
    v2 <- tryCatch(F$values(s2), error = function(e) NULL)
    if (is.null(v2)) next
    c2 <- cost(v2, s2)
    temp <- t0 * (1 - k / iters) + 1e-3
    if (c2 <= cc || runif(1) < exp((cc - c2) / temp)) { cur <- s2; cc <- c2; cv <- v2
      if (cc < bc) { best <- cur; bc <- cc; bv <- cv } }
  }
  # Polish: undo changes (one value, or two values of one variable at once, as a swap of a counted flag needs) while
  # the targets' part of the cost does not grow, until none can be undone.
  tcost <- function(v) sum(log1p(miss(v[ids_f])))
  bt <- tcost(bv); again <- TRUE
  while (again) { again <- FALSE
    for (nm in names(best)) { d <- which(best[[nm]] != s_init[[nm]])
      tries <- c(as.list(d), if (length(d) > 1) combn(d, 2, simplify = FALSE))
      for (ix in tries) { if (any(best[[nm]][ix] == s_init[[nm]][ix])) next
        s2 <- best; s2[[nm]][ix] <- s_init[[nm]][ix]
        if (!is.null(F$valid) && !F$valid(s2)) next
        v2 <- tryCatch(F$values(s2), error = function(e) NULL); if (is.null(v2)) next
        if (tcost(v2) <= bt) { best <- s2; bv <- v2; bt <- tcost(v2); again <- TRUE } } } }
  list(state = best, before = v0, after = bv, cost = bt, ids = ids_f, iters = k, changed = nchanged(best))
}

report <- function(f, r) {
  a0 <- agrees(r$before); a1 <- agrees(r$after)
  cat(sprintf("\n== %s: %d targets (%d followed); agree now %d, after %d (followed %d -> %d); cost %.4f after %d moves, %d values changed\n", f,
              length(a0), length(r$ids), sum(a0), sum(a1), sum(a0[r$ids]), sum(a1[r$ids]), r$cost, r$iters, r$changed))
  for (id in names(r$before))
    cat(sprintf("  %-38s published %-6s now %-10.5g %s  after %-10.5g %s%s\n", id, format(tv[id]), r$before[id],
                if (a0[id]) "ok  " else "MISS", r$after[id], if (a1[id]) "ok  " else "MISS", if (tf[id]) "" else "  (not followed)"))
}

if (length(args) >= 2 && (args[1] %in% names(fam) || args[1] == "all")) {
  out <- args[2]; dir.create(out, showWarnings = FALSE, recursive = TRUE)
  seed <- if (length(args) >= 3) as.integer(args[3]) else 1
  iters <- if (length(args) >= 4) as.integer(args[4]) else 20000
  for (f in if (args[1] == "all") names(fam) else args[1]) {
    t0 <- proc.time()[["elapsed"]]
    r <- anneal(f, seed, iters)
    report(f, r)
    cat(sprintf("  run time %.1f s (seed %d)\n", proc.time()[["elapsed"]] - t0, seed))
    w <- F <- fam[[f]]$write(r$state)
    write.csv(w, file.path(out, paste0(f, "-assignment.csv")), row.names = FALSE, quote = FALSE)
  }
}
