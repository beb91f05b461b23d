# References for exposures that happen after the origin (issue #16): the extended Kaplan-Meier (Simon-Makuch),
# the Mantel-Byar test, landmark curves and the multi-state Aalen-Johansen estimator.
# Tests: tests/CarTOutcomes.Survival.Tests/TimeDependent/ExposureReferenceTests.cs and MultiState/*.
# Run from this folder: Rscript exposures_reference.R   (R 4.2.2, survival 3.5-3; see r_versions.txt).
# Writes the input data to data/ and R's outputs beside this script, so that the tests need no R.
#
# Multi-state survfit in survival 3.5-3 is wrong when a subject's rows are out of time order (it joins a row to the
# next row of the data, not the next in time), so every data set is given to R sorted by (id, tstart); the synthetic
# data file is written shuffled, to test that the engine sorts rows itself.
library(survival)
options(digits = 17)
# Numbers with 17 significant digits, so that every double reads back exactly.
w <- function(x, f) {
  for (j in seq_along(x)) if (is.numeric(x[[j]])) x[[j]] <- ifelse(is.na(x[[j]]), "NA", sprintf("%.17g", x[[j]]))
  write.csv(x, f, row.names = FALSE, quote = FALSE)
}
writeLines(c(R.version.string, paste("survival", packageVersion("survival"))), "r_versions.txt")

# ---- Stanford heart transplant: transplant as a time-dependent group ----
h <- heart[order(heart$id, heart$start), ]
h$tx <- as.character(h$transplant)
h$txsurg <- paste0(h$transplant, "_", h$surgery)
w(h[, c("id", "start", "stop", "event", "tx", "txsurg")], "data/heart.csv")

# survflag: position 2 or 3 = the last row of a run of the subject (its follow-up ends there).
last_of_run <- function(d) survival:::survflag(Surv(d$start, d$stop, d$event), d$id) >= 2

ekm <- NULL
for (g in c("tx", "txsurg")) {
  f <- survfit(Surv(start, stop, event) ~ h[[g]], data = h, id = id)
  s <- summary(f, censored = TRUE)
  grp <- sub("^h\\[\\[g\\]\\]=", "", as.character(s$strata))
  # n.censor per group counted from the data: R 3.5-3 mis-indexes its survflag vector when there are groups.
  lr <- last_of_run(h)
  nc <- mapply(function(gg, t) sum(h$event == 0 & lr & h[[g]] == gg & h$stop == t), grp, s$time)
  ekm <- rbind(ekm, data.frame(case = paste0("heart_", g), group = grp, time = s$time, n_risk = s$n.risk,
                               n_event = s$n.event, n_censor = nc, surv = s$surv, std_err = s$std.err,
                               lower = s$lower, upper = s$upper))
}
w(ekm, "ekm_curves.csv")

# ---- Mantel-Byar: O, E, V on the time-dependent risk sets, written out here directly; chisq from coxph's score test
# with ties = "exact" (the same statistic), and from survdiff when nobody switches (lung, as (0, time] rows). ----
oe <- function(start, stop, event, g) {
  lev <- sort(unique(g)); O <- E <- setNames(numeric(length(lev)), lev)
  for (t in sort(unique(stop[event == 1]))) {
    atrisk <- start < t & stop >= t; d <- event == 1 & stop == t
    n <- sum(atrisk); dd <- sum(d)
    for (l in lev) { O[l] <- O[l] + sum(d & g == l); E[l] <- E[l] + dd * sum(atrisk & g == l) / n }
  }
  data.frame(group = lev, observed = O, expected = E)
}
lung2 <- data.frame(id = seq_len(nrow(lung)), start = 0, stop = lung$time, event = lung$status - 1,
                    sex = as.character(lung$sex), ph = as.character(lung$ph.ecog))
lung2 <- lung2[!is.na(lung2$ph) & lung2$ph != "3", ]
w(lung2, "data/lung.csv")
mb <- NULL; mbg <- NULL
add_mb <- function(case, d, g) {
  cf <- coxph(Surv(start, stop, event) ~ factor(d[[g]]), data = d, ties = "exact")
  df <- length(unique(d[[g]])) - 1
  res <- data.frame(case = case, source = "coxph_exact_score", chisq = cf$score, df = df,
                    p = pchisq(cf$score, df, lower.tail = FALSE))
  if (all(d$start == 0)) {
    sd <- survdiff(Surv(stop, event) ~ d[[g]], data = d)
    res <- rbind(res, data.frame(case = case, source = "survdiff", chisq = sd$chisq, df = df,
                                 p = pchisq(sd$chisq, df, lower.tail = FALSE)))
  }
  mb <<- rbind(mb, res)
  mbg <<- rbind(mbg, cbind(case = case, oe(d$start, d$stop, d$event, d[[g]])))
}
add_mb("heart_tx", h, "tx")
add_mb("heart_txsurg", h, "txsurg")
add_mb("lung_sex", lung2, "sex")
add_mb("lung_ph", lung2, "ph")
w(mb, "mantel_byar.csv")
w(mbg, "mantel_byar_groups.csv")

# ---- Landmarks on heart: subjects with a row covering L (start <= L < stop) and no event before, grouped by
# transplant status on that row, followed from L. ----
lmk <- NULL; lmt <- NULL
for (L in c(10, 30, 60, 90)) {
  ids <- unique(h$id[h$start <= L & L < h$stop])
  lm <- do.call(rbind, lapply(ids, function(i) {
    r <- h[h$id == i, ]
    data.frame(id = i, time = max(r$stop) - L, status = max(r$event), group = r$tx[r$start <= L & L < r$stop])
  }))
  f <- survfit(Surv(time, status) ~ group, data = lm)
  s <- summary(f, censored = TRUE)
  grp <- sub("^group=", "", as.character(s$strata))
  lmk <- rbind(lmk, data.frame(landmark = L, subjects = nrow(lm), group = grp, time = s$time, n_risk = s$n.risk,
                               n_event = s$n.event, surv = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper))
  sd <- survdiff(Surv(time, status) ~ group, data = lm)
  lmt <- rbind(lmt, data.frame(landmark = L, chisq = sd$chisq, p = pchisq(sd$chisq, 1, lower.tail = FALSE)))
}
w(lmk, "landmark_curves.csv")
w(lmt, "landmark_tests.csv")

# ---- Multi-state Aalen-Johansen ----
# State names are lower case so that R's sort() and an ordinal sort agree; factor levels put "censor" first and the
# states sorted, which is the engine's order of the states entered.
msfit <- function(case, d, group = NULL, istate = NULL, times, horizon) {
  d <- d[order(d$id, d$tstart), ]
  lev <- sort(unique(d$state[d$state != ""]))
  d$st <- factor(ifelse(d$state == "", "censor", d$state), c("censor", lev))
  d$g <- if (is.null(group)) "all" else as.character(d[[group]])
  f <- if (is.null(istate)) survfit(Surv(tstart, tstop, st) ~ g, data = d, id = id)
       else { d$ist <- d[[istate]]; survfit(Surv(tstart, tstop, st) ~ g, data = d, id = id, istate = ist) }
  states <- f$states
  strata <- if (is.null(f$strata)) setNames(length(f$time), "g=all") else f$strata
  gname <- rep(sub("^g=", "", names(strata)), strata)
  out <- NULL
  for (k in seq_along(states))
    out <- rbind(out, data.frame(case = case, group = gname, time = f$time, state = states[k],
                                 pstate = f$pstate[, k], std_err = f$std.err[, k], n_risk = f$n.risk[, k]))
  s <- summary(f, times = times, extend = TRUE)
  at <- NULL
  sg <- if (is.null(s$strata)) rep("all", length(s$time)) else sub("^g=", "", as.character(s$strata))
  for (k in seq_along(states))
    at <- rbind(at, data.frame(case = case, group = sg, time = s$time, state = states[k],
                               pstate = s$pstate[, k], std_err = s$std.err[, k]))
  tb <- summary(f, rmean = horizon)$table
  rn <- rownames(tb)
  rm <- data.frame(case = case, horizon = horizon, group = ifelse(grepl(", ", rn), sub("^g=(.*), .*$", "\\1", rn), "all"),
                   state = sub("^.*, ", "", rn), rmean = tb[, "rmean"])
  p0 <- if (is.matrix(f$p0)) f$p0 else matrix(f$p0, nrow = 1, dimnames = list("g=all", names(f$p0)))
  list(curves = out, at = at, rmean = rm, states = data.frame(case = case, order = seq_along(states), state = states),
       p0 = data.frame(case = case, group = rep(sub("^g=", "", rownames(p0)), ncol(p0)),
                       state = rep(colnames(p0), each = nrow(p0)), p0 = c(p0)))
}
ms <- list()

# mgus2: progression to plasma-cell malignancy (pcm) and death, as in the survival vignette (a pcm on the day of death
# is moved 0.1 month earlier so that both transitions are seen).
ptemp <- with(mgus2, ifelse(ptime == futime & pstat == 1, ptime - .1, ptime))
d3 <- tmerge(mgus2[, c("id", "sex", "age")], mgus2, id = id, death = event(futime, death), pcm = event(ptemp, pstat))
d3$state <- with(d3, ifelse(death == 1, "death", ifelse(pcm == 1, "pcm", "")))
d3$male <- as.numeric(d3$sex == "M")
d3 <- d3[, c("id", "tstart", "tstop", "state", "sex", "age", "male")]
w(d3, "data/ms_mgus2.csv")
ms[["mgus2"]] <- msfit("mgus2", d3, group = "sex", times = c(0, 12, 60, 120, 240, 400), horizon = 240)

# myeloid: the vignette's states (complete response, transplant, relapse, death) with recurrences; a CR and a
# transplant on the same day move the CR one day earlier, as the vignette does.
td <- myeloid
tied <- with(td, !is.na(crtime) & !is.na(txtime) & crtime == txtime)
td$crtime[tied] <- td$crtime[tied] - 1
md <- tmerge(myeloid[, c("id", "trt", "sex")], td, id = id, death = event(futime, death), sct = event(txtime),
             cr = event(crtime), relapse = event(rltime))
md$state <- with(md, ifelse(death == 1, "death", ifelse(relapse == 1, "relapse", ifelse(sct == 1, "sct", ifelse(cr == 1, "cr", "")))))
md$trtb <- as.numeric(md$trt == "B"); md$male <- as.numeric(md$sex == "m")
md <- md[, c("id", "tstart", "tstop", "state", "trt", "trtb", "male")]
w(md, "data/ms_myeloid.csv")
ms[["myeloid"]] <- msfit("myeloid", md, group = "trt", times = c(0, 100, 365, 730, 1500), horizon = 1000)

# Synthetic: delayed entry, initial states a or b per subject, recurrences a <-> b, exits to c (absorbing), ties.
set.seed(16)
syn <- NULL
for (i in 1:80) {
  t <- round(if (runif(1) < 0.3) runif(1, 0, 5) else 0, 1)
  s <- if (runif(1) < 0.7) "a" else "b"
  first <- s; istate <- s
  end <- t + round(runif(1, 5, 40), 1)
  repeat {
    nxt <- round(t + rexp(1, 1 / 8) + 0.1, 1)
    if (nxt >= end) { syn <- rbind(syn, data.frame(id = sprintf("p%02d", i), tstart = t, tstop = end, state = "", istate = istate, start_state = first)); break }
    to <- if (runif(1) < 0.25) "c" else if (s == "a") "b" else "a"
    syn <- rbind(syn, data.frame(id = sprintf("p%02d", i), tstart = t, tstop = nxt, state = to, istate = istate, start_state = first))
    t <- nxt; s <- to; istate <- to
    if (to == "c") break
  }
}
syn$grp <- ifelse(as.integer(sub("p", "", syn$id)) %% 2 == 0, "even", "odd")
w(syn[sample(nrow(syn)), ], "data/ms_synthetic.csv")
ms[["synthetic"]] <- msfit("synthetic", syn, istate = "istate", times = c(0, 1, 5, 10, 20, 50), horizon = 30)
ms[["synthetic_grp"]] <- msfit("synthetic_grp", syn, group = "grp", istate = "istate", times = c(0, 1, 5, 10, 20, 50), horizon = 30)

w(do.call(rbind, lapply(ms, `[[`, "curves")), "ms_curves.csv")
w(do.call(rbind, lapply(ms, `[[`, "at")), "ms_at.csv")
w(do.call(rbind, lapply(ms, `[[`, "rmean")), "ms_rmean.csv")
w(do.call(rbind, lapply(ms, `[[`, "states")), "ms_states.csv")
w(do.call(rbind, lapply(ms, `[[`, "p0")), "ms_p0.csv")

# ---- Transition-specific Cox models: coxph on multi-state data (one coefficient per covariate and transition,
# robust variance clustered by id, R's default here). ----
mscox <- function(case, d, covs, istate = NULL) {
  d <- d[order(d$id, d$tstart), ]
  lev <- sort(unique(d$state[d$state != ""]))
  d$st <- factor(ifelse(d$state == "", "censor", d$state), c("censor", lev))
  fm <- as.formula(paste("Surv(tstart, tstop, st) ~", paste(covs, collapse = " + ")))
  f <- if (is.null(istate)) coxph(fm, data = d, id = id)
       else { d$ist <- d[[istate]]; coxph(fm, data = d, id = id, istate = ist) }
  out <- NULL
  for (tr in colnames(f$cmap)) {
    ft <- as.integer(strsplit(tr, ":")[[1]])
    for (cv in rownames(f$cmap)) {
      j <- f$cmap[cv, tr]
      out <- rbind(out, data.frame(case = case, from = f$states[ft[1]], to = f$states[ft[2]], covariate = cv,
                                   coef = f$coefficients[j], se = sqrt(f$var[j, j]), naive_se = sqrt(f$naive.var[j, j])))
    }
  }
  out
}
w(rbind(mscox("mgus2", d3, c("age", "male")),
        mscox("myeloid", md, c("trtb", "male")),
        mscox("synthetic", transform(syn, x = as.numeric(grp == "even")), "x", istate = "istate")), "ms_cox.csv")

# ---- The probability of a set of states and its jackknife standard error: myeloid, in response or transplanted
# (cr + sct). Every subject starts in (s0), so R's influence = TRUE adds nothing for p0 and the standard error of the
# sum is sqrt(colSums((influence[, t, cr] + influence[, t, sct])^2)). ----
mdo <- md[order(md$id, md$tstart), ]
mdo$st <- factor(ifelse(mdo$state == "", "censor", mdo$state), c("censor", sort(unique(mdo$state[mdo$state != ""]))))
fi <- survfit(Surv(tstart, tstop, st) ~ trt, data = mdo, id = id, influence = TRUE)
sets <- NULL
ends <- cumsum(fi$strata)
k <- match(c("cr", "sct"), fi$states)
for (g in seq_along(fi$strata)) {
  rows <- (ends[g] - fi$strata[g] + 1):ends[g]
  inf <- fi$influence.pstate[[g]] # subjects x (1 + times) x states; the first time column is p0's
  se <- sqrt(colSums((inf[, -1, k[1]] + inf[, -1, k[2]])^2))
  sets <- rbind(sets, data.frame(case = "myeloid", group = sub("^trt=", "", names(fi$strata)[g]), time = fi$time[rows],
                                 p = fi$pstate[rows, k[1]] + fi$pstate[rows, k[2]], std_err = se,
                                 se_cr = fi$std.err[rows, k[1]]))
}
w(sets, "ms_sets.csv")
