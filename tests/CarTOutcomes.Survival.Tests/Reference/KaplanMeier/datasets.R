# datasets.R -- writes the input datasets for the Kaplan-Meier / log-rank
# reference tests as CSV files under data/ (next to this script).
#
# Run from this folder:   Rscript datasets.R
#
# Format of every CSV written here:
#   * comma separated, one header line, no row names, no quoting of strings
#     (no value contains a comma or a quote);
#   * missing values are written as the two letters NA;
#   * factors are written as their labels (e.g. veteran$celltype = "squamous");
#   * numbers are written with the shortest of "%.15g" / "%.17g" that
#     converts back to the very same double, so a correctly rounding parser
#     (.NET double.Parse, R's read.csv) reads bit-identical values.  The
#     script checks this round trip for every numeric column and stops if
#     R does not read back exactly what it wrote.

source("ref_helpers.R")   # fmt_num(): shortest round-trip text of a double

out_dir <- "data"
dir.create(out_dir, showWarnings = FALSE)

# Write a data frame with the rules above and check the round trip.
write_dataset <- function(df, name) {
  txt <- as.data.frame(lapply(df, function(col) {
    if (is.numeric(col)) fmt_num(as.numeric(col))
    else { v <- as.character(col); v[is.na(v)] <- "NA"; v }
  }), stringsAsFactors = FALSE)
  path <- file.path(out_dir, paste0(name, ".csv"))
  write.table(txt, path, sep = ",", quote = FALSE, row.names = FALSE,
              col.names = names(df), na = "NA")
  back <- read.csv(path, stringsAsFactors = FALSE)
  stopifnot(identical(dim(back), dim(df)), identical(names(back), names(df)))
  for (v in names(df)) {
    if (is.numeric(df[[v]])) {
      same <- identical(is.na(back[[v]]), is.na(df[[v]])) &&
        all(back[[v]] == df[[v]], na.rm = TRUE)
      if (!same) stop("round trip failed for ", name, "$", v)
    }
  }
  cat(sprintf("%-14s %4d rows  %s\n", path, nrow(df), paste(names(df), collapse = ",")))
}

# ---- R's own datasets (package survival) -----------------------------------
# lung: status is 1 = censored, 2 = dead.  All 10 columns, NAs kept.
write_dataset(survival::lung, "lung")
# veteran: status 1 = dead, 0 = censored; trt 1/2; celltype factor; prior 0/10.
write_dataset(survival::veteran, "veteran")
# aml: status 1 = event; x = "Maintained" / "Nonmaintained".
write_dataset(survival::aml, "aml")
# ovarian: futime, fustat (1 = dead), rx 1/2.
write_dataset(survival::ovarian, "ovarian")

# ---- synthetic_km: heavy ties, delayed entry, case weights -----------------
# 300 rows.  Columns:
#   id      1..300
#   time    integer 1..40 (many ties; hazard differs by grp)
#   status  1 = event, 0 = censored; events and censorings share times
#   entry   delayed-entry time: 0 for ~60% of rows, otherwise an integer in
#           0..time-1 (so entry < time, and entries coincide with other
#           rows' event times, which exercises the (entry, time] convention)
#   w       positive non-integer case weight, 3 decimals in [0.25, 2.75)
#   grp     A / B / C
#   strat   s1 / s2
set.seed(20261127)
n <- 300
grp <- sample(c("A", "B", "C"), n, replace = TRUE, prob = c(0.4, 0.35, 0.25))
strat <- sample(c("s1", "s2"), n, replace = TRUE)
rate <- c(A = 0.045, B = 0.07, C = 0.10)[grp] * ifelse(strat == "s2", 1.3, 1)
t_event <- rexp(n, rate)
t_cens <- runif(n, 2, 45)
time <- pmin(ceiling(pmin(t_event, t_cens)), 40)
status <- as.integer(t_event <= t_cens & ceiling(t_event) <= 40)
delayed <- runif(n) < 0.4
entry <- ifelse(delayed, floor(runif(n) * time), 0)   # 0 <= entry <= time-1
w <- round(runif(n, 0.25, 2.75), 3)
w[w == round(w)] <- w[w == round(w)] + 0.125          # keep every weight non-integer
synthetic <- data.frame(id = seq_len(n), time = time, status = status,
                        entry = entry, w = w, grp = grp, strat = strat)
stopifnot(all(synthetic$entry < synthetic$time), all(synthetic$w > 0),
          all(synthetic$w != round(synthetic$w)))
write_dataset(synthetic, "synthetic_km")

# A short tie summary so a reader can see the data are as promised.
tab <- table(synthetic$time, synthetic$status)
cat("synthetic_km: distinct times =", nrow(tab),
    "; times with both an event and a censoring =", sum(tab[, "0"] > 0 & tab[, "1"] > 0),
    "; events =", sum(status), "; delayed entries =", sum(entry > 0), "\n")
