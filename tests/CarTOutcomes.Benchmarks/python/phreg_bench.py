"""Python's statsmodels PHReg (Debian's python3-statsmodels) on the Cox benchmark CSV (issue #18): read with pandas,
fit Efron and Breslow with x1..x10. Prints "task,seconds,loglik" lines. Usage: /usr/bin/python3 phreg_bench.py file.csv"""
import sys
import time

t0 = time.perf_counter()
import pandas as pd
from statsmodels.duration.hazard_regression import PHReg

d = pd.read_csv(sys.argv[1])
t_read = time.perf_counter() - t0
x = d[[f"x{j}" for j in range(1, 11)]].to_numpy()
for ties in ("efron", "breslow"):
    t1 = time.perf_counter()
    fit = PHReg(d["time"].to_numpy(), x, status=d["status"].to_numpy(), ties=ties).fit()
    print(f"phreg-{ties},{time.perf_counter() - t1:.3f},{fit.llf:.6f}")
print(f"pandas-read,{t_read:.3f},")
