# Reference values for the formula engine (issue #13: model formulas, factors, data frames).
# Run from this folder:  Rscript formulas_reference.R
# Made with R 4.2.2, survival 3.5-3, cmprsk 2.2-11 (versions written to r_versions.txt).
#
# Every input is written to CSV first (text levels as text, missing as NA, numbers at 17 significant digits) and
# every model is then fitted on the data READ BACK from that CSV with read.csv(), so R sees exactly what the C#
# engine reads: text columns are character vectors and become factors with levels in sorted order (for example
# colon's rx is Lev, Lev+5FU, Obs here, not the package's Obs, Lev, Lev+5FU order). See README.md for the columns.
suppressPackageStartupMessages({ library(survival); library(cmprsk) })
stopifnot(packageVersion("survival") >= "3.5", packageVersion("cmprsk") >= "2.2")
invisible(Sys.setlocale("LC_COLLATE", "C"))   # sort() of text levels in byte order, independent of the machine's locale

num <- function(df) { df[] <- lapply(df, function(c) if (is.numeric(c)) ifelse(is.na(c), "NA", sprintf("%.17g", c)) else c); df }
# RFC 4180: a text value is quoted only when it holds a comma, a quote (doubled inside) or a line break, as names and
# formulas such as relevel(factor(celltype), ref = "squamous")adeno do; plain levels stay bare; missing is NA.
out <- function(df, file) {
  txt <- which(!vapply(df, function(c) is.numeric(c) || is.logical(c), TRUE))
  d <- num(df)
  q <- function(v) ifelse(grepl('[",\n]', v), paste0('"', gsub('"', '""', v), '"'), v)
  for (j in txt) d[[j]] <- ifelse(is.na(d[[j]]), "NA", q(d[[j]]))
  write.table(d, file, sep = ",", row.names = FALSE, col.names = TRUE, quote = FALSE, na = "NA")
}
rd <- function(file) read.csv(file, stringsAsFactors = FALSE)

writeLines(c(R.version.string, paste("survival", packageVersion("survival")), paste("cmprsk", packageVersion("cmprsk"))),
           "r_versions.txt")

# ---- input data ------------------------------------------------------------------------------------------
lung <- survival::lung                                  # status 1/2 (2 = death), sex 1/2 numeric, NAs as in R
lung$sex_text <- ifelse(lung$sex == 1, "male", "female")
out(lung, "lung.csv")

vet <- survival::veteran
vet$celltype <- as.character(vet$celltype)
out(vet, "veteran.csv")

col <- survival::colon[survival::colon$etype == 2,
                       c("id", "rx", "status", "time", "sex", "age", "obstruct", "nodes", "differ", "extent", "surg")]
col$rx <- as.character(col$rx)
out(col, "colon.csv")

pbc <- survival::pbc[1:312, c("id", "time", "status", "trt", "age", "sex", "edema", "bili", "albumin", "protime",
                              "chol", "stage")]
pbc$sex <- as.character(pbc$sex)                        # "f" / "m"
out(pbc, "pbc.csv")

# Synthetic CAR T-like cohort: 200 rows, 70 centres (cluster ids repeated), integer months (ties), a 3-level
# bridging factor, a 2-level sex factor, a numeric-coded grade (1..3) for factor(grade), NAs in several columns,
# TRUE/FALSE event, a competing-risk status 0/1/2, a positive ldh for log() and offset(), and is_none, a numeric
# copy of the bridgingnone indicator (collinear with factor(bridging): R gives it an NA coefficient).
set.seed(20261129)
n <- 200
syn <- data.frame(id = sample(1:70, n, replace = TRUE),
                  bridging = sample(c("intensive", "nonintensive", "none"), n, replace = TRUE, prob = c(0.4, 0.35, 0.25)),
                  sex = sample(c("F", "M"), n, replace = TRUE),
                  grade = sample(1:3, n, replace = TRUE),
                  age = round(rnorm(n, 58, 11), 1),
                  ldh = round(exp(rnorm(n, log(250), 0.5))),
                  crp = round(rexp(n, 1 / 20), 2), stringsAsFactors = FALSE)
lin <- 0.5 * (syn$bridging == "intensive") - 0.4 * (syn$bridging == "none") + 0.3 * (syn$sex == "M") +
  0.02 * (syn$age - 58) + 0.6 * log(syn$ldh / 250) + 0.2 * (syn$grade - 2)
tt <- rexp(n, 0.06 * exp(lin)); cc <- runif(n, 3, 36)
syn$time <- pmax(1, ceiling(pmin(tt, cc)))
syn$event <- tt <= cc
syn$crstatus <- ifelse(syn$event, ifelse(runif(n) < 0.7, 1, 2), 0)
syn$is_none <- as.numeric(syn$bridging == "none")
syn$bridging[c(5, 37, 120)] <- NA
syn$age[c(12, 88)] <- NA
syn$crp[c(3, 50, 77, 150)] <- NA
syn$sex[c(199)] <- NA
out(syn, "synthetic.csv")

hrt <- survival::heart
cnt <- data.frame(id = hrt$id, start = hrt$start, stop = hrt$stop, event = hrt$event, age = hrt$age, year = hrt$year,
                  surgery = hrt$surgery, transplant = as.numeric(as.character(hrt$transplant)),
                  transplant_text = ifelse(hrt$transplant == "1", "yes", "no"), stringsAsFactors = FALSE)
out(cnt, "counting.csv")

D <- list(lung = rd("lung.csv"), veteran = rd("veteran.csv"), colon = rd("colon.csv"), pbc = rd("pbc.csv"),
          synthetic = rd("synthetic.csv"), counting = rd("counting.csv"))
stopifnot(is.logical(D$synthetic$event), is.character(D$lung$sex_text), is.character(D$colon$rx))

# ---- models ------------------------------------------------------------------------------------------------
# id, function, dataset, formula, ties, extra, times (";"-separated, survfit only), note
M <- read.csv(text = '
id|function|dataset|formula|ties|extra|times|note
lung_age_sex|coxph|lung|Surv(time, status) ~ age + sex|efron|||status 1/2: 2 is the event
lung_age_sex_breslow|coxph|lung|Surv(time, status) ~ age + sex|breslow|||
lung_sex_text|coxph|lung|Surv(time, status) ~ age + sex_text|efron|||text column becomes a factor; levels sorted
lung_ecog_factor|coxph|lung|Surv(time, status) ~ age + factor(ph.ecog)|efron|||
lung_sex_ecog|coxph|lung|Surv(time, status) ~ age + sex + factor(ph.ecog)|efron|||
lung_sex_ecog_breslow|coxph|lung|Surv(time, status) ~ age + sex + factor(ph.ecog)|breslow|||
lung_sex_text_ecog|coxph|lung|Surv(time, status) ~ age + sex_text + factor(ph.ecog)|efron|||used for prediction
lung_transforms|coxph|lung|Surv(time, status) ~ log(age) + sqrt(wt.loss) + I(age^2) + I(meal.cal/100)|efron|||sqrt of negative wt.loss is NaN: R drops those rows with the NAs (warning NaNs produced)
lung_transforms2|coxph|lung|Surv(time, status) ~ log(ph.karno) + sqrt(pat.karno) + exp(age/100) + I((meal.cal - 1000)/100) + I(wt.loss^2)|efron|||
lung_age_x_sex|coxph|lung|Surv(time, status) ~ age*sex_text|efron|||
lung_age_colon_sex|coxph|lung|Surv(time, status) ~ age:sex_text|efron|||no main effects: full dummy coding of sex_text
lung_sex_plus_age_colon_sex|coxph|lung|Surv(time, status) ~ sex_text + age:sex_text|efron|||term label is sex_text:age
lung_sex_x_ecog|coxph|lung|Surv(time, status) ~ sex_text*factor(ph.ecog)|efron|||factor x factor; ph.ecog=3 has one row
lung_status_eq2|coxph|lung|Surv(time, status == 2) ~ age|efron|||logical status expression
lung_strata_sex|coxph|lung|Surv(time, status) ~ age + strata(sex)|efron|||
lung_strata_sex_ecog|coxph|lung|Surv(time, status) ~ age + strata(sex, ph.ecog)|efron|||
lung_strata_sex_ecog_breslow|coxph|lung|Surv(time, status) ~ age + strata(sex, ph.ecog)|breslow|||
lung_offset|coxph|lung|Surv(time, status) ~ age + offset(log(ph.karno))|efron|||
lung_cluster|coxph|lung|Surv(time, status) ~ age + sex + cluster(inst)|efron|||robust variance; inst has an NA
lung_cluster_arg|coxph|lung|Surv(time, status) ~ age + sex|efron|cluster=inst||cluster given as an argument: same fit as lung_cluster
veteran_celltype|coxph|veteran|Surv(time, status) ~ celltype + karno|efron|||
veteran_celltype_breslow|coxph|veteran|Surv(time, status) ~ celltype + karno|breslow|||
veteran_relevel|coxph|veteran|Surv(time, status) ~ relevel(factor(celltype), ref = "squamous") + trt|efron|||used for prediction
veteran_trt_x_celltype|coxph|veteran|Surv(time, status) ~ factor(trt)*celltype|efron|||factor x factor
colon_rx|coxph|colon|Surv(time, status) ~ rx + sex + age|efron|||rx levels sorted: Lev is the reference
colon_rx_cluster|coxph|colon|Surv(time, status) ~ rx + cluster(id)|efron|||
colon_rx_differ_na|coxph|colon|Surv(time, status) ~ rx + factor(differ) + nodes + strata(extent)|efron|||na.omit drops rows with NA nodes or differ
pbc_multi|coxph|pbc|Surv(time, status == 2) ~ trt + age + sex + log(bili) + factor(stage)|efron|||status 0/1/2: only status == 2 is valid for Surv
pbc_chol_na|coxph|pbc|Surv(time, status == 2) ~ age + sex + log(bili) + log(chol) + edema|efron|||28 rows with NA chol dropped
synthetic_bridging|coxph|synthetic|Surv(time, event) ~ bridging + sex + age|efron|||TRUE/FALSE status; NAs in bridging, sex, age
synthetic_bridging_breslow|coxph|synthetic|Surv(time, event) ~ bridging + sex + age|breslow|||
synthetic_relevel|coxph|synthetic|Surv(time, event) ~ relevel(factor(bridging), ref = "none") + factor(grade) + log(ldh)|efron|||used for prediction
synthetic_bridging_x_age|coxph|synthetic|Surv(time, event) ~ bridging*age + cluster(id)|efron|||factor x numeric with robust variance
synthetic_age_x_bridging|coxph|synthetic|Surv(time, event) ~ age*bridging|efron|||same model as bridging*age; names follow formula order
synthetic_collinear|coxph|synthetic|Surv(time, event) ~ bridging + is_none + age|efron|||is_none duplicates bridgingnone: NA coefficient
synthetic_offset_strata|coxph|synthetic|Surv(time, event) ~ bridging + crp + offset(log(ldh)) + strata(sex)|efron|||
counting_transplant|coxph|counting|Surv(start, stop, event) ~ age + transplant_text + cluster(id)|efron|||
counting_transplant_breslow|coxph|counting|Surv(start, stop, event) ~ age + surgery + factor(transplant)|breslow|||
lung_km_all|survfit|lung|Surv(time, status) ~ 1||conf.type=log|100;200;365;500|
lung_km_sex|survfit|lung|Surv(time, status) ~ sex||conf.type=log|100;200;365;500|
lung_km_sex_text|survfit|lung|Surv(time, status) ~ sex_text||conf.type=log|100;200;365;500|
lung_km_sex_ecog|survfit|lung|Surv(time, status) ~ sex + ph.ecog||conf.type=log|50;100;200;365|strata names as sex=1, ph.ecog=0; NA ph.ecog dropped
veteran_km_celltype|survfit|veteran|Surv(time, status) ~ celltype||conf.type=log|30;90;180;365|
synthetic_km_bridging|survfit|synthetic|Surv(time, event) ~ bridging||conf.type=log|3;6;12;24|
colon_km_rx|survfit|colon|Surv(time, status) ~ rx||conf.type=log|365;730;1826|
lung_logrank_sex|survdiff|lung|Surv(time, status) ~ sex||rho=0||
lung_logrank_sex_text|survdiff|lung|Surv(time, status) ~ sex_text||rho=0||
colon_logrank_rx_strata|survdiff|colon|Surv(time, status) ~ rx + strata(sex)||rho=0||
veteran_logrank_celltype|survdiff|veteran|Surv(time, status) ~ celltype||rho=0||
synthetic_logrank_bridging|survdiff|synthetic|Surv(time, event) ~ bridging||rho=0||
pbc_crr|crr|pbc|Surv(time, status) ~ sex + age + factor(stage)||failcode=2;cencode=0||crr(time, status, cov1 = model.matrix(rhs)[, -1])
pbc_crr_bili|crr|pbc|Surv(time, status) ~ trt + log(bili) + sex||failcode=2;cencode=0||
synthetic_crr|crr|synthetic|Surv(time, crstatus) ~ bridging + age + log(ldh)||failcode=1;cencode=0||NAs dropped before model.matrix
synthetic_crr_cause2|crr|synthetic|Surv(time, crstatus) ~ bridging + sex||failcode=2;cencode=0||
', sep = "|", quote = "", stringsAsFactors = FALSE, colClasses = "character", check.names = FALSE)
stopifnot(!anyDuplicated(M$id))
out(M, "models.csv")

cox_coef <- list(); cox_fit <- list(); cox_terms <- list(); contr <- list(); warn <- list(); fits <- list()
km <- list(); sd_tab <- list(); sd_grp <- list(); crr_coef <- list(); crr_fit <- list()
catch <- function(id, expr) withCallingHandlers(expr, warning = function(w) {
  warn[[length(warn) + 1]] <<- data.frame(id = id, warning = conditionMessage(w)); invokeRestart("muffleWarning") })
addlev <- function(dataset, xl) for (e in names(xl))
  contr[[paste(dataset, e)]] <<- data.frame(dataset = dataset, expression = e, level_order = paste(xl[[e]], collapse = ";"))

for (i in seq_len(nrow(M))) {
  m <- M[i, ]; d <- D[[m$dataset]]; f <- as.formula(m$formula); id <- m$id
  if (m[["function"]] == "coxph") {
    fit <- catch(id, if (m$extra == "cluster=inst") coxph(f, data = d, ties = m$ties, cluster = inst, model = TRUE)
                     else coxph(f, data = d, ties = m$ties, model = TRUE))
    fits[[id]] <- fit
    b <- coef(fit); V <- vcov(fit)                        # vcov: robust variance when there is a cluster
    robust <- !is.null(fit$naive.var)
    # survival 3.5 keeps aliased (NA) coefficients in var with zero rows; their SEs are written as NA.
    ok <- !is.na(b)
    nv <- sqrt(diag(if (robust) fit$naive.var else fit$var)); nv[!ok] <- NA
    rv <- if (robust) sqrt(diag(fit$var)) else rep(NA_real_, length(b)); rv[!ok] <- NA
    se <- sqrt(diag(V)); z <- b / se
    cox_coef[[id]] <- data.frame(id = id, name = names(b), coef = b, se = nv, robust_se = rv, z = z,
                                 p = 2 * pnorm(-abs(z)), lower95 = exp(b - qnorm(0.975) * se), upper95 = exp(b + qnorm(0.975) * se))
    sf <- summary(fit)   # summary() rounds the Wald statistic to 2 decimals: the unrounded fit$wald.test is written
    cox_fit[[id]] <- data.frame(id = id, n = fit$n, nevent = fit$nevent, loglik0 = fit$loglik[1], loglik = fit$loglik[2],
                                lr = sf$logtest[["test"]], lr_df = sf$logtest[["df"]], wald = fit$wald.test,
                                wald_df = sf$waldtest[["df"]], score = fit$score, score_df = sf$sctest[["df"]],
                                robust_score = if (robust) fit$rscore else NA, iter = fit$iter,
                                n_dropped = nrow(d) - fit$n)
    # Per-term Wald test b' V^-1 b over the term's (non-NA) coefficients; terms in R's term.labels order.
    labs <- attr(terms(fit), "term.labels")
    labs <- labs[!grepl("^(strata|cluster|offset)\\(", labs)]
    stopifnot(setequal(labs, names(fit$assign)))
    for (t in labs) {
      j <- fit$assign[[t]]; j <- j[!is.na(b[j])]
      chi <- if (length(j)) drop(t(b[j]) %*% solve(V[j, j, drop = FALSE], b[j])) else NA
      cox_terms[[paste(id, t)]] <- data.frame(id = id, term = t, df = length(j), chisq = chi,
                                               p = if (length(j)) pchisq(chi, length(j), lower.tail = FALSE) else NA)
    }
    addlev(m$dataset, fit$xlevels)
  } else if (m[["function"]] == "survfit") {
    fit <- catch(id, survfit(f, data = d, conf.type = "log"))
    s <- summary(fit, times = as.numeric(strsplit(m$times, ";")[[1]]))
    km[[id]] <- data.frame(id = id, strata = if (is.null(s$strata)) "all" else as.character(s$strata), time = s$time,
                           n.risk = s$n.risk, n.event = s$n.event, surv = s$surv, std.err = s$std.err,
                           lower = s$lower, upper = s$upper, check.names = FALSE)
    if (!is.null(fit$strata)) stopifnot(setequal(unique(as.character(s$strata)), names(fit$strata)))
  } else if (m[["function"]] == "survdiff") {
    x <- catch(id, survdiff(f, data = d))
    o <- if (is.matrix(x$obs)) rowSums(x$obs) else x$obs; e <- if (is.matrix(x$exp)) rowSums(x$exp) else x$exp
    df <- sum(e > 0) - 1
    sd_tab[[id]] <- data.frame(id = id, chisq = x$chisq, df = df, p = pchisq(x$chisq, df, lower.tail = FALSE))
    sd_grp[[id]] <- data.frame(id = id, group = names(x$n), n = as.vector(x$n), observed = o, expected = e)
  } else if (m[["function"]] == "crr") {
    ex <- eval(parse(text = paste0("list(", gsub(";", ",", m$extra), ")")))
    # Rows with an NA in any variable the formula uses are dropped first (na.omit); the status 0/1/2 is not passed
    # through Surv() (which would turn 2 into NA), only the right side goes to model.matrix.
    d2 <- d[complete.cases(d[, all.vars(f)]), ]
    mf <- model.frame(f[-2], data = d2)
    X <- model.matrix(attr(mf, "terms"), mf)[, -1, drop = FALSE]
    ftime <- d2[[all.vars(f[[2]])[1]]]; fstat <- d2[[all.vars(f[[2]])[2]]]
    fit <- catch(id, crr(ftime, fstat, cov1 = X, failcode = ex$failcode, cencode = ex$cencode))
    crr_coef[[id]] <- data.frame(id = id, name = colnames(X), coef = fit$coef, se = sqrt(diag(fit$var)),
                                 p = 2 * pnorm(-abs(fit$coef / sqrt(diag(fit$var)))))
    crr_fit[[id]] <- data.frame(id = id, n = fit$n, loglik = fit$loglik, converged = fit$converged,
                                n_dropped = nrow(d) - fit$n)
    fx <- .getXlevels(attr(mf, "terms"), mf); addlev(m$dataset, fx)
  }
}
rb <- function(l) { r <- do.call(rbind, l); rownames(r) <- NULL; r }
out(rb(cox_coef), "cox_coef.csv")
out(rb(cox_fit), "cox_fit.csv")
out(rb(cox_terms), "cox_terms.csv")
out(rb(km), "survfit_summary.csv")
out(rb(sd_tab), "survdiff.csv")
out(rb(sd_grp), "survdiff_groups.csv")
out(rb(crr_coef), "crr_coef.csv")
out(rb(crr_fit), "crr_fit.csv")
# Level order of the grouping factors used by survfit / survdiff as well.
for (g in list(c("lung", "sex_text"), c("veteran", "celltype"), c("colon", "rx"), c("synthetic", "bridging"),
               c("synthetic", "sex"), c("pbc", "sex"), c("counting", "transplant_text"), c("lung", "factor(ph.ecog)"),
               c("synthetic", "factor(grade)")))
  addlev(g[1], setNames(list(levels(factor(eval(parse(text = g[2]), D[[g[1]]])))), g[2]))
ct <- rb(contr); ct <- ct[!duplicated(ct[, c("dataset", "expression")]), ]
out(ct[order(ct$dataset, ct$expression), ], "contrasts.csv")
out(if (length(warn)) rb(warn) else data.frame(id = character(0), warning = character(0)), "warnings.csv")

# ---- survfit.coxph for new data given by level names ------------------------------------------------------
nd <- list(
  lung_sex_text_ecog = data.frame(age = c(60, 70), sex_text = c("female", "male"), ph.ecog = c(2, 0), stringsAsFactors = FALSE),
  veteran_relevel = data.frame(celltype = c("adeno", "squamous", "large"), trt = c(1, 2, 2), stringsAsFactors = FALSE),
  synthetic_relevel = data.frame(bridging = c("none", "intensive"), grade = c(3, 1), ldh = c(400, 180), stringsAsFactors = FALSE))
ptimes <- list(lung_sex_text_ecog = c(100, 200, 365), veteran_relevel = c(100, 200, 365), synthetic_relevel = c(3, 6, 12, 24))
pr <- list(); pn <- list()
for (id in names(nd)) {
  s <- summary(survfit(fits[[id]], newdata = nd[[id]], conf.type = "log"), times = ptimes[[id]])
  k <- nrow(nd[[id]]); nt <- length(s$time)
  pr[[id]] <- data.frame(id = id, newdata_row = rep(1:k, each = nt), time = rep(s$time, k),
                         surv = c(s$surv), std.err = c(s$std.err), lower = c(s$lower), upper = c(s$upper), check.names = FALSE)
  for (cn in names(nd[[id]]))
    pn[[paste(id, cn)]] <- data.frame(id = id, newdata_row = 1:k, column = cn, value = as.character(nd[[id]][[cn]]))
}
out(rb(pr), "cox_predict.csv")
nn <- rb(pn); out(nn[order(nn$id, nn$newdata_row), ], "cox_newdata.csv")
cat("done\n")
