# References for the formula forms of the time-dependent estimators with subject ids:
#   km --formula "Surv(start, stop, event) ~ group" --id ID             R: survfit(Surv(start, stop, event) ~ group, id = id)
#   km --formula "Surv(start, stop, event) ~ group" --id ID --landmark L   (landmark curves, as exposures_reference.R)
#   logrank --formula "Surv(start, stop, event) ~ group" --id ID        Mantel-Byar: the score test of
#                                                      coxph(Surv(start, stop, event) ~ factor(group), ties = "exact")
# Groups are named as R's names(fit$strata): "transplant=0, surgery=1", "hibili=TRUE".
# Tests: tests/CarTOutcomes.Cli.Tests/Commands/TimeDependentFormulaCommandTests.cs.
# Run from this folder: Rscript formula_id_reference.R   (R 4.2.2, survival 3.5-3; see formula_id_r_versions.txt).
# Writes the input data to data/ and R's outputs beside this script, so that the tests need no R.
library(survival)
options(digits = 17)
# Numbers with 17 significant digits, so that every double reads back exactly; a text with a comma (a group label of
# two variables, "transplant=0, surgery=1") in double quotes.
w <- function(x, f) {
  for (j in seq_along(x)) if (is.numeric(x[[j]])) x[[j]] <- ifelse(is.na(x[[j]]), "NA", sprintf("%.17g", x[[j]]))
  for (j in seq_along(x)) if (is.character(x[[j]])) x[[j]] <- ifelse(grepl(",", x[[j]]), paste0('"', x[[j]], '"'), x[[j]])
  write.csv(x, f, row.names = FALSE, quote = FALSE, na = "NA")
}
writeLines(c(R.version.string, paste("survival", packageVersion("survival"))), "formula_id_r_versions.txt")

# ---- data ----
# Stanford heart transplant (transplant and surgery as two grouping variables).
h <- heart[order(heart$id, heart$start), c("id", "start", "stop", "event", "transplant", "surgery")]
h$transplant <- as.integer(as.character(h$transplant))
w(h, "data/heart_formula.csv")
# pbc with bilirubin > 2 mg/dl as a time-dependent logical group (tmerge on pbcseq's visits); death is the event
# (a transplant censors); written TRUE/FALSE so that the group is a logical variable, as R has it.
p1 <- tmerge(pbc[1:312, c("id", "trt")], pbc[1:312, ], id = id, death = event(time, status == 2))
p2 <- tmerge(p1, pbcseq, id = id, hibili = tdc(day, bili > 2))
p2 <- data.frame(id = p2$id, tstart = p2$tstart, tstop = p2$tstop, death = as.integer(p2$death), hibili = p2$hibili, trt = p2$trt)
w(p2, "data/pbc_hibili.csv")
# Synthetic: text groups that switch, delayed entry, gaps in follow-up, tied times, a row without an id and a row
# without a group (R's na.omit drops both: the id is part of survfit's model frame).
set.seed(35)
syn <- NULL
for (i in 1:40) {
  t <- if (runif(1) < 0.3) round(runif(1, 0, 4)) else 0
  arm <- if (runif(1) < 0.5) "low" else "high"
  repeat {
    nxt <- t + round(rexp(1, 1 / 6)) + 1
    last <- runif(1) < 0.45
    ev <- as.integer(last && runif(1) < 0.7)
    syn <- rbind(syn, data.frame(id = sprintf("s%02d", i), t0 = t, t1 = nxt, ev = ev, arm = arm))
    if (last) break
    t <- nxt + if (runif(1) < 0.2) 2 else 0   # a gap of 2 now and then
    arm <- if (arm == "low") "high" else "low"
  }
}
syn$id[5] <- NA
syn$arm[12] <- NA
w(syn, "data/td_synthetic.csv")

# ---- extended Kaplan-Meier ----
# n.censor per group counted from the data (R 3.5-3 mis-indexes its survflag vector when there are groups; see
# exposures_reference.R): a censored row that is the last of its subject's run (survflag position 2 or 3).
label <- function(d, vars) do.call(paste, c(lapply(vars, function(v) paste0(v, "=", d[[v]])), sep = ", "))
ekm <- NULL; ekm_table <- NULL
add_ekm <- function(case, d, fml, vars, id = "id") {
  f <- survfit(as.formula(fml), data = d, id = id)   # the column "id" of d
  dd <- d[complete.cases(d[, c(all.vars(as.formula(fml)), id)]), ]
  s <- summary(f, censored = TRUE)
  grp <- as.character(s$strata)
  stopifnot(all(grp %in% label(dd, vars)))
  y <- model.response(model.frame(as.formula(fml), dd))
  lr <- survival:::survflag(y, dd[[id]]) >= 2
  lab <- label(dd, vars)
  nc <- mapply(function(gg, t) sum(y[, 3] == 0 & lr & lab == gg & y[, 2] == t), grp, s$time)
  ekm <<- rbind(ekm, data.frame(case = case, group = grp, time = s$time, n_risk = s$n.risk, n_event = s$n.event,
                                n_censor = nc, surv = s$surv, std_err = s$std.err, lower = s$lower, upper = s$upper))
  tb <- summary(f)$table
  ekm_table <<- rbind(ekm_table, data.frame(case = case, group = rownames(tb), records = tb[, "records"],
                                            events = tb[, "events"], median = tb[, "median"],
                                            median_lower = tb[, "0.95LCL"], median_upper = tb[, "0.95UCL"]))
}
add_ekm("heart_transplant", h, "Surv(start, stop, event) ~ transplant", "transplant")
add_ekm("heart_transplant_surgery", h, "Surv(start, stop, event) ~ transplant + surgery", c("transplant", "surgery"))
add_ekm("pbc_hibili", p2, "Surv(tstart, tstop, death) ~ hibili", "hibili")
add_ekm("pbc_hibili_trt", p2, "Surv(tstart, tstop, death) ~ hibili + trt", c("hibili", "trt"))
add_ekm("synthetic_arm", syn, "Surv(t0, t1, ev) ~ arm", "arm")
w(ekm, "formula_id_ekm_curves.csv")
w(ekm_table, "formula_id_ekm_table.csv")

# ---- Mantel-Byar: chisq from coxph's score test with ties = "exact" (the same statistic); O and E summed over the
# event times on the time-dependent risk sets, n = subjects with a row in the group. With a stratum, the score test of
# coxph(... ~ factor(group) + strata(s), ties = "exact"): risk sets within each stratum, O, E and V summed over them
# (as survdiff stratifies). ----
mb <- NULL; mbg <- NULL
add_mb <- function(case, d, fml_lhs, vars, id = "id", stratum = NULL) {
  d <- d[complete.cases(d[, c(vars, id, stratum, all.vars(as.formula(paste(fml_lhs, "~ 1"))))]), ]
  g <- label(d, vars)
  s <- if (is.null(stratum)) rep("all", nrow(d)) else as.character(d[[stratum]])
  y <- model.response(model.frame(as.formula(paste(fml_lhs, "~ 1")), d))
  cf <- if (is.null(stratum)) coxph(y ~ factor(g), ties = "exact") else coxph(y ~ factor(g) + strata(s), ties = "exact")
  df <- length(unique(g)) - 1
  mb <<- rbind(mb, data.frame(case = case, chisq = cf$score, df = df, p = pchisq(cf$score, df, lower.tail = FALSE)))
  lev <- sort(unique(g)); O <- E <- setNames(numeric(length(lev)), lev)
  start <- y[, 1]; stop <- y[, 2]; event <- y[, 3]
  for (ss in unique(s)) for (t in sort(unique(stop[event == 1 & s == ss]))) {
    atrisk <- start < t & stop >= t & s == ss; dth <- event == 1 & stop == t & s == ss
    for (l in lev) { O[l] <- O[l] + sum(dth & g == l); E[l] <- E[l] + sum(dth) * sum(atrisk & g == l) / sum(atrisk) }
  }
  n <- sapply(lev, function(l) length(unique(d[[id]][g == l])))
  mbg <<- rbind(mbg, data.frame(case = case, group = lev, n = n, observed = O, expected = E))
}
add_mb("heart_transplant_surgery", h, "Surv(start, stop, event)", c("transplant", "surgery"))
add_mb("pbc_hibili", p2, "Surv(tstart, tstop, death)", "hibili")
add_mb("synthetic_arm", syn, "Surv(t0, t1, ev)", "arm")
add_mb("heart_transplant_strata_surgery", h, "Surv(start, stop, event)", "transplant", stratum = "surgery")
add_mb("pbc_hibili_strata_trt", p2, "Surv(tstart, tstop, death)", "hibili", stratum = "trt")
w(mb, "formula_id_mantel_byar.csv")
w(mbg, "formula_id_mantel_byar_groups.csv")

# ---- Landmarks on pbc at 1 and 2 years: subjects with a row covering L (tstart <= L < tstop; no event before, as
# a subject's rows end at its event), grouped by hibili on that row, followed from L (their rows are contiguous) ----
lmk <- NULL
for (L in c(365, 730)) {
  ids <- unique(p2$id[p2$tstart <= L & L < p2$tstop])
  lm <- do.call(rbind, lapply(ids, function(i) {
    r <- p2[p2$id == i, ]
    data.frame(id = i, time = max(r$tstop) - L, status = max(r$death), hibili = r$hibili[r$tstart <= L & L < r$tstop])
  }))
  f <- survfit(Surv(time, status) ~ hibili, data = lm)
  s <- summary(f, censored = TRUE)
  lmk <- rbind(lmk, data.frame(landmark = L, subjects = nrow(lm), group = as.character(s$strata), time = s$time,
                               n_risk = s$n.risk, n_event = s$n.event, n_censor = s$n.censor, surv = s$surv,
                               std_err = s$std.err, lower = s$lower, upper = s$upper))
}
w(lmk, "formula_id_landmark_curves.csv")
