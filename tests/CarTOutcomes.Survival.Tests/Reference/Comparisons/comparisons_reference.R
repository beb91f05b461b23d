# Reference values for the group-comparison tests of CarTOutcomes.Survival.Comparisons.
# Run from this folder:  Rscript comparisons_reference.R
# Writes fisher_2x2.csv, fisher_rxc.csv, chisq.csv, wilcox_ranksum.csv, wilcox_signrank.csv, kruskal.csv, describe.csv.
# Numbers are printed with 17 significant digits; samples and table cells are space-separated inside one field.
# Made with R 4.2.2 (stats package); each row records the exact call in its "call" column.

g17 <- function(x) ifelse(is.na(x), "NA", ifelse(is.infinite(x), ifelse(x > 0, "Inf", "-Inf"), sprintf("%.17g", x)))
cells <- function(v) paste(g17(v), collapse = " ")
hdr <- function(file, cols) { cat("# R ", R.version$major, ".", R.version$minor, ", stats\n", sep = "", file = file); cat(paste(cols, collapse = ","), "\n", sep = "", file = file, append = TRUE) }
row <- function(file, vals) cat(paste(gsub(",", ";", vals, fixed = TRUE), collapse = ","), "\n", sep = "", file = file, append = TRUE)  # commas inside a field become ";"

## Fisher 2x2: p-value, conditional MLE odds ratio and exact CI, all three alternatives.
tabs2 <- list(c(3, 1, 1, 3), c(28, 10, 14, 4), c(17, 21, 3, 15), c(9, 29, 6, 12), c(0, 5, 5, 0), c(0, 10, 3, 7),
              c(10, 0, 2, 8), c(1, 0, 0, 1), c(0, 0, 4, 6), c(5, 5, 5, 5), c(12, 7, 3, 20), c(2, 30, 15, 1),
              c(6, 32, 9, 9), c(100, 80, 60, 90), c(1, 1, 1, 1), c(7, 3, 0, 0), c(20, 13, 2, 37))
f <- "fisher_2x2.csv"
hdr(f, c("id", "x11", "x12", "x21", "x22", "alternative", "conf_level", "p_value", "estimate", "conf_low", "conf_high", "call"))
for (i in seq_along(tabs2)) for (alt in c("two.sided", "less", "greater")) for (cl in c(0.95, 0.9)) {
  m <- matrix(tabs2[[i]], 2, byrow = TRUE)
  r <- fisher.test(m, alternative = alt, conf.level = cl)
  row(f, c(i, tabs2[[i]], alt, cl, g17(r$p.value), g17(r$estimate), g17(r$conf.int[1]), g17(r$conf.int[2]),
           sprintf("fisher.test(matrix(c(%s),2,byrow=TRUE),alternative='%s',conf.level=%s)", paste(tabs2[[i]], collapse = ";"), alt, cl)))
}

## Fisher r x c (FEXACT network algorithm), two-sided.
tabsr <- list(list(3, c(8, 3, 5, 1, 25, 14)), list(3, c(10, 10, 21, 7, 7, 1)), list(3, c(26, 5, 11, 6, 1, 6)),
              list(2, c(3, 1, 4, 0, 2, 5)), list(3, c(1, 2, 3, 4, 5, 6, 7, 8, 9)), list(3, c(0, 3, 2, 4, 0, 1, 2, 2, 0)),
              list(4, c(2, 0, 1, 3, 1, 2, 0, 4, 3, 1, 2, 0)), list(2, c(5, 0, 0, 5, 3, 3, 1, 1)),
              list(3, c(4, 4, 4, 4, 4, 4)), list(2, c(1, 2, 3, 4, 5, 6, 0, 1, 2, 1)), list(5, c(3, 0, 2, 1, 0, 4, 1, 2, 0, 3)),
              list(2, c(20, 15, 3, 10, 12, 8)))
f <- "fisher_rxc.csv"
hdr(f, c("id", "nrow", "cells", "p_value", "call"))
for (i in seq_along(tabsr)) {
  nr <- tabsr[[i]][[1]]; v <- tabsr[[i]][[2]]
  m <- matrix(v, nr, byrow = TRUE)
  r <- fisher.test(m)
  row(f, c(i, nr, cells(v), g17(r$p.value), sprintf("fisher.test(matrix(c(%s),%d,byrow=TRUE))", paste(v, collapse = ";"), nr)))
}

## Pearson chi-square with and without Yates.
f <- "chisq.csv"
hdr(f, c("id", "nrow", "cells", "correct", "statistic", "df", "p_value", "call"))
chis <- c(lapply(tabs2[c(1:4, 6, 10:14, 17)], function(v) list(2, v)), tabsr[c(1:5, 7, 9, 12)])
for (i in seq_along(chis)) for (cor in c(TRUE, FALSE)) {
  nr <- chis[[i]][[1]]; v <- chis[[i]][[2]]
  m <- matrix(v, nr, byrow = TRUE)
  if (any(rowSums(m) == 0) || any(colSums(m) == 0)) next
  r <- suppressWarnings(chisq.test(m, correct = cor))
  row(f, c(i, nr, cells(v), cor, g17(r$statistic), g17(r$parameter), g17(r$p.value),
           sprintf("chisq.test(matrix(c(%s),%d,byrow=TRUE),correct=%s)", paste(v, collapse = ";"), nr, cor)))
}

## Wilcoxon rank sum.
set.seed(20261127)
rs <- list(
  list(c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30), c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)),
  list(c(0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46), c(1.15, 0.88, 0.90, 0.74, 1.21)),
  list(c(42, 23, 74, 55, 61, 38, 47), c(55, 23, 68, 60, 51)),               # ties -> normal approximation
  list(c(3, 2, 7, 4, 3, 5, 2, 3), c(2, 1, 7, 2, 3)),                        # many ties
  list(round(rnorm(30, 10, 3), 3), round(rnorm(25, 12, 3), 3)),             # exact, larger
  list(round(rnorm(60, 0, 1), 4), round(rnorm(45, 0.4, 1), 4)),             # n >= 50 -> normal
  list(c(1, 2, 3), c(4, 5, 6, 7)),                                          # complete separation
  list(c(-1.5, 0, 2.25), c(0, 0, 1, -3)),                                   # zeros, ties
  list(c(0.1, 0.2, 0.3, 0.4, 0.5), c(0.15, 0.25, 0.35)))
f <- "wilcox_ranksum.csv"
hdr(f, c("id", "x", "y", "alternative", "correct", "exact", "statistic", "p_value", "estimate", "conf_low", "conf_high", "conf_level", "call"))
for (i in seq_along(rs)) for (alt in c("two.sided", "less", "greater")) for (cor in c(TRUE, FALSE)) for (ex in c("NULL", "FALSE")) {
  x <- rs[[i]][[1]]; y <- rs[[i]][[2]]
  exv <- if (ex == "NULL") NULL else FALSE
  r <- suppressWarnings(wilcox.test(x, y, alternative = alt, correct = cor, exact = exv, conf.int = TRUE))
  row(f, c(i, cells(x), cells(y), alt, cor, ex, g17(r$statistic), g17(r$p.value), g17(r$estimate), g17(r$conf.int[1]), g17(r$conf.int[2]),
           g17(attr(r$conf.int, "conf.level")), sprintf("wilcox.test(x,y,alternative='%s',correct=%s,exact=%s,conf.int=TRUE)", alt, cor, ex)))
}

## Wilcoxon signed rank (one sample against mu, or paired x - y).
sr <- list(
  list(c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30), c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29)),
  list(c(12.1, 8.3, 15.2, 9.9, 30.5, 4.4, 7.7, 11.0, 19.8, 6.1), c(10.2, 9.1, 5.5, 12.4, 14.0, 3.3, 7.7, 2.5, 21.0, 1.2)),  # one zero diff
  list(c(4, 7, 2, 9, 5, 6, 3, 8), c(2, 5, 4, 7, 3, 4, 1, 6)),                                # tied |diff|
  list(round(rnorm(20, 0.5, 1), 3), NULL),
  list(round(rnorm(55, 0.2, 1), 3), NULL),                                                  # n >= 50
  list(c(-2, -1, 1, 3, 4, 6), NULL))
f <- "wilcox_signrank.csv"
hdr(f, c("id", "x", "y", "mu", "alternative", "correct", "exact", "statistic", "p_value", "estimate", "conf_low", "conf_high", "conf_level", "call"))
for (i in seq_along(sr)) for (mu in c(0, 0.25)) for (alt in c("two.sided", "less", "greater")) for (cor in c(TRUE, FALSE)) for (ex in c("NULL", "FALSE")) {
  x <- sr[[i]][[1]]; y <- sr[[i]][[2]]
  exv <- if (ex == "NULL") NULL else FALSE
  r <- if (is.null(y)) suppressWarnings(wilcox.test(x, mu = mu, alternative = alt, correct = cor, exact = exv, conf.int = TRUE))
       else suppressWarnings(wilcox.test(x, y, mu = mu, paired = TRUE, alternative = alt, correct = cor, exact = exv, conf.int = TRUE))
  row(f, c(i, cells(x), if (is.null(y)) "NA" else cells(y), mu, alt, cor, ex, g17(r$statistic), g17(r$p.value), g17(r$estimate),
           g17(r$conf.int[1]), g17(r$conf.int[2]), g17(attr(r$conf.int, "conf.level")),
           sprintf("wilcox.test(x,%s,mu=%s,alternative='%s',correct=%s,exact=%s,conf.int=TRUE)", if (is.null(y)) "NULL" else "y,paired=TRUE", mu, alt, cor, ex)))
}

## Kruskal-Wallis.
kw <- list(list(c(2.9, 3.0, 2.5, 2.6, 3.2, 3.8, 2.7, 4.0, 2.4, 2.8, 3.4, 3.7, 2.2, 2.0), c(1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3)),
           list(c(3, 2, 7, 4, 3, 5, 2, 3, 2, 1, 7, 2, 3), c(1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2)),
           list(round(rnorm(40, rep(c(0, 0.5, 1, 1.5), each = 10)), 2), rep(1:4, each = 10)),
           list(c(1, 1, 2, 2, 2, 3, 3, 3, 3, 4), c(1, 2, 1, 2, 3, 1, 2, 3, 3, 3)))
f <- "kruskal.csv"
hdr(f, c("id", "x", "g", "statistic", "df", "p_value", "call"))
for (i in seq_along(kw)) {
  x <- kw[[i]][[1]]; g <- kw[[i]][[2]]
  r <- kruskal.test(x, g)
  row(f, c(i, cells(x), cells(g), g17(r$statistic), g17(r$parameter), g17(r$p.value), "kruskal.test(x,g)"))
}

## Descriptive summaries: quantile type 7, mean, sd; NA removed and counted.
ds <- list(c(42, 23, 74, 55, 61, 38, 47, NA), c(1.37, 0.72, 2.58), c(5), c(3, 3, 3, 3), c(2, 9, NA, NA, 4, 1, 7, 7),
           round(rnorm(17, 50, 12), 2), c(-1.5, 0, 2.25, 1e-3, 8))
f <- "describe.csv"
hdr(f, c("id", "x", "n", "missing", "mean", "sd", "min", "q1", "median", "q3", "max", "p10", "p90", "call"))
for (i in seq_along(ds)) {
  x <- ds[[i]]; q <- quantile(x, c(0, 0.25, 0.5, 0.75, 1, 0.1, 0.9), na.rm = TRUE, type = 7)
  row(f, c(i, cells(x), sum(!is.na(x)), sum(is.na(x)), g17(mean(x, na.rm = TRUE)), g17(sd(x, na.rm = TRUE)),
           g17(q[1]), g17(q[2]), g17(q[3]), g17(q[4]), g17(q[5]), g17(q[6]), g17(q[7]),
           "quantile(x,c(0,.25,.5,.75,1,.1,.9),na.rm=TRUE,type=7); mean; sd"))
}

## round(): R >= 4.0 rounding of the stored binary value.
f <- "round.csv"
hdr(f, c("x", "digits", "rounded"))
rx <- list(c(0.15, 1), c(0.25, 1), c(0.35, 1), c(2.5, 0), c(3.5, 0), c(-2.5, 0), c(0.125, 2), c(2.675, 2), c(1.005, 2),
           c(100 * 28 / 38, 1), c(100 * 14 / 18, 1), c(100 * 5 / 38, 1), c(100 * 1 / 38, 1), c(100 * 7 / 38, 1), c(0.0749999, 2),
           c(0.745, 2), c(0.115, 2), c(-0.015, 2), c(123.456, 0), c(1e-20, 3), c(0.5, 0), c(1.5, 0), c(0.05, 1))
for (v in rx) row(f, c(g17(v[1]), v[2], g17(round(v[1], v[2]))))
