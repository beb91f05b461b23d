# Reference for the engine's TmergeBuilder and SurvSplit (tests/.../TimeDependent/TmergeReferenceTests.cs).
# Run from this folder: Rscript tmerge_reference.R   (R 4.x, survival 3.5-3 was used; see the header of each output).
# Writes the inputs (subjects, changes, occurrences, cuts) and R's outputs so the test needs no R.
library(survival)
ver <- paste0("# R ", getRversion(), ", survival ", packageVersion("survival"))

subjects <- data.frame(
  id     = c("s1", "s2", "s3", "s4", "s5"),
  entry  = c(0,    0,    5,    0,    10),
  exit   = c(100,  50,   40,   7.5,  60),
  status = c(1,    0,    1,    1,    0))
# x: changes at day 30 and 60 (s1); before entry (s2); at entry and inside (s3); at exit (s4, no effect)
# y: a second covariate with a tie with x (s1 at 30) and a change tied with an occurrence (s5 at 25)
changes <- data.frame(
  id        = c("s1", "s1", "s2", "s3", "s3", "s4", "s1", "s5", "s5"),
  covariate = c("x",  "x",  "x",  "x",  "x",  "x",  "y",  "y",  "y"),
  time      = c(30,   60,   -1,   5,    20,   7.5,  30,   25,   12.5),
  value     = c(1,    2,    3,    7,    8,    9,    -1,   4,    0.5))
# occurrences: s1 at 20 and 70; s2 at its exit 50; s5 at 25 (tied with a y change) and 40
occurrences <- data.frame(
  id   = c("s1", "s1", "s2", "s5", "s5"),
  time = c(20,   70,   50,   25,   40))
cuts <- c(10, 45, 200, 7.5)

d <- tmerge(subjects[, c("id", "entry")], subjects, id = id,
            death = event(exit, status), tstart = entry, tstop = exit)
cx <- changes[changes$covariate == "x", ]
cy <- changes[changes$covariate == "y", ]
d <- tmerge(d, cx, id = id, x = tdc(time, value, 0))
d <- tmerge(d, cy, id = id, y = tdc(time, value, 0))
d <- tmerge(d, occurrences, id = id, n = cumtdc(time), r = event(time), k = cumevent(time))
out <- d[, c("id", "tstart", "tstop", "death", "x", "y", "n", "r", "k")]

s <- survSplit(Surv(tstart, tstop, death) ~ ., data = out, cut = cuts, episode = "ep")
s <- s[, c("id", "tstart", "tstop", "death", "x", "y", "n", "r", "k", "ep")]

w <- function(x, f) { writeLines(ver, f); suppressWarnings(write.table(x, f, sep = ",", row.names = FALSE, quote = FALSE, append = TRUE)) }
w(subjects, "tmerge_subjects.csv")
w(changes, "tmerge_changes.csv")
w(occurrences, "tmerge_occurrences.csv")
w(data.frame(cut = cuts), "survsplit_cuts.csv")
w(out, "tmerge_output.csv")
w(s, "survsplit_output.csv")
