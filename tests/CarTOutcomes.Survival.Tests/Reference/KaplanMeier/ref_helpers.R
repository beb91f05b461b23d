# ref_helpers.R -- small helpers shared by km_reference.R and
# logrank_reference.R (sourced, not run on its own).

suppressPackageStartupMessages(library(survival))

# Read one of the CSVs written by datasets.R.  Strings stay strings; the
# grouping columns are turned into factors by the callers so that the level
# order is R's default (sorted labels), the order the group rows appear in.
read_dataset <- function(name) {
  read.csv(file.path("data", paste0(name, ".csv")), stringsAsFactors = FALSE,
           na.strings = "NA")
}

# Number -> text.  Shortest of %.15g / %.17g that reads back as the same
# double.  R's NA -> "NA"; NaN -> "NaN"; +-Inf -> "Infinity" / "-Infinity"
# (the spellings .NET's double.Parse accepts with the invariant culture).
fmt_num <- function(x) {
  x <- as.numeric(x)
  s <- sprintf("%.15g", x)
  ok <- is.finite(x)
  s[ok][suppressWarnings(as.numeric(s[ok])) != x[ok]] <-
    sprintf("%.17g", x[ok][suppressWarnings(as.numeric(s[ok])) != x[ok]])
  s[is.nan(x)] <- "NaN"
  s[is.na(x) & !is.nan(x)] <- "NA"
  s[!is.na(x) & x == Inf] <- "Infinity"
  s[!is.na(x) & x == -Inf] <- "-Infinity"
  s
}

# Write a data frame: numeric columns through fmt_num, character columns as
# they are (quoted only if they contain a comma or a quote), NA -> "NA".
write_ref <- function(df, path) {
  cols <- lapply(df, function(col) {
    if (is.numeric(col)) fmt_num(col)
    else {
      v <- as.character(col)
      v[is.na(v)] <- "NA"
      needs_q <- grepl("[\",]", v)
      v[needs_q] <- paste0("\"", gsub("\"", "\"\"", v[needs_q]), "\"")
      v
    }
  })
  lines <- c(paste(names(df), collapse = ","),
             if (nrow(df) > 0) do.call(paste, c(cols, sep = ",")))
  writeLines(lines, path)
  cat(sprintf("wrote %-22s %5d rows\n", path, nrow(df)))
}
