"""Peers for analytics-eval, run on the same data in the same run.

  peer.py lifetimes <online_retail.csv.gz> <out-dir>   lifetimes BG/NBD + Gamma-Gamma, same calibration/holdout
  peer.py sklearn <online_shoppers.csv> <out-dir>      scikit-learn LogisticRegression on analytics-eval's split
  peer.py cdnow <out-dir>                              writes lifetimes' CDNOW summary and fits it with lifetimes
"""
import contextlib
import io
import sys
import time
import warnings

import numpy as np
import pandas as pd
from scipy.special import gammaln

warnings.filterwarnings("ignore")


def report(key, value):
    print(f"{key}\t{value}", flush=True)


def bgnbd_loglik(params, x, tx, T):
    """Equation 6 of Fader, Hardie & Lee (2005), written out with scipy: a neutral judge of both fits."""
    r, al, a, b = params
    a1 = gammaln(r + x) - gammaln(r) + r * np.log(al)
    a2 = gammaln(a + b) + gammaln(b + x) - gammaln(b) - gammaln(a + b + x)
    a3 = -(r + x) * np.log(al + T)
    with np.errstate(divide="ignore", invalid="ignore"):
        a4 = np.where(x > 0, np.log(a) - np.log(np.maximum(b + x - 1, 1e-300)) - (r + x) * np.log(al + tx), -np.inf)
    return float(np.sum(a1 + a2 + np.logaddexp(a3, a4)))


def lifetimes_peer(csv, out):
    from lifetimes import BetaGeoFitter, GammaGammaFitter
    from lifetimes.utils import ConvergenceError, calibration_and_holdout_data

    df = pd.read_csv(csv, dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": "Int64"})
    # Same row rule as analytics-eval: no cancellations, Quantity > 0, UnitPrice > 0, CustomerID present.
    df = df[~df.InvoiceNo.str.startswith("C") & (df.Quantity > 0) & (df.UnitPrice > 0) & df.CustomerID.notna()].copy()
    # Whole days: lifetimes compares timestamps with calibration_period_end (midnight), so without this the daytime
    # purchases of 2011-05-31 would fall into the holdout instead of the calibration period.
    df["InvoiceDate"] = pd.to_datetime(df.InvoiceDate).dt.normalize()
    df["value"] = df.Quantity * df.UnitPrice
    df["CustomerID"] = df.CustomerID.astype(int).astype(str)
    report("lifetimes.version", __import__("lifetimes").__version__)
    report("lifetimes.rows_kept", len(df))
    summary = calibration_and_holdout_data(
        df, "CustomerID", "InvoiceDate", calibration_period_end="2011-05-31", observation_period_end="2011-08-31",
        freq="D", monetary_value_col="value")
    report("lifetimes.calibration.customers", len(summary))
    x, tx, T = summary.frequency_cal.values, summary.recency_cal.values, summary.T_cal.values
    started = time.perf_counter()
    bgf = BetaGeoFitter(penalizer_coef=0.0)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            bgf.fit(x, tx, T)
        report("lifetimes.bgnbd.converged", "yes")
    except ConvergenceError:
        # lifetimes raises when scipy reports "precision loss" (here: a -> 0, b -> infinity, where the likelihood is
        # flat). Repeat its exact minimize call to report where its BFGS stopped, marked as not converged.
        from autograd import value_and_grad
        from scipy.optimize import minimize
        from lifetimes.utils import _scale_time

        scale = _scale_time(T)
        args = (x.astype(int), tx * scale, T * scale, np.ones_like(tx, dtype=int), 0.0)
        output = minimize(value_and_grad(bgf._negative_log_likelihood), jac=True, method=None, tol=1e-7,
                          x0=0.1 * np.ones(4), args=args)
        params = np.exp(output.x)
        params[1] /= scale
        bgf.params_ = pd.Series(params, index=["r", "alpha", "a", "b"])
        report("lifetimes.bgnbd.converged", f"no (ConvergenceError; scipy: {output.message})")
    report("lifetimes.bgnbd.fit_s", f"{time.perf_counter() - started:.3f}")
    p = bgf.params_
    for name in ["r", "alpha", "a", "b"]:
        report(f"lifetimes.bgnbd.{name}", f"{p[name]:.6f}")
    report("lifetimes.bgnbd.loglik", f"{bgnbd_loglik([p.r, p.alpha, p.a, p.b], x, tx, T):.4f}")
    repeat = summary[(summary.frequency_cal > 0) & (summary.monetary_value_cal > 0)]
    started = time.perf_counter()
    ggf = GammaGammaFitter(penalizer_coef=0.0)
    ggf.fit(repeat.frequency_cal, repeat.monetary_value_cal)
    report("lifetimes.gammagamma.fit_s", f"{time.perf_counter() - started:.3f}")
    for name in ["p", "q", "v"]:
        report(f"lifetimes.gammagamma.{name}", f"{ggf.params_[name]:.6f}")
    days = summary.duration_holdout.iloc[0]
    predicted = bgf.conditional_expected_number_of_purchases_up_to_time(days, x, tx, T)
    actual = summary.frequency_holdout.values
    report("lifetimes.holdout.days", int(days))
    report("lifetimes.holdout.actual_total", int(actual.sum()))
    report("lifetimes.holdout.bgnbd_total", f"{predicted.sum():.1f}")
    report("lifetimes.holdout.bgnbd_mae", f"{np.abs(predicted - actual).mean():.4f}")
    report("lifetimes.holdout.bgnbd_corr", f"{np.corrcoef(predicted, actual)[0, 1]:.4f}")

    # Same customers, same figures? Compare with analytics-eval's per-customer table.
    ours = pd.read_csv(f"{out}/clv_swift.tsv", sep="\t", dtype={"customer": str}).set_index("customer")
    joined = summary.join(ours, how="outer")
    report("compare.customers_only_in_one", int(joined.frequency.isna().sum() + joined.frequency_cal.isna().sum()))
    same = lambda a, b: int((np.abs(joined[a] - joined[b]) > 1e-6).sum())
    report("compare.frequency_mismatches", same("frequency_cal", "frequency"))
    report("compare.recency_mismatches", same("recency_cal", "recency"))
    report("compare.T_mismatches", same("T_cal", "T"))
    report("compare.monetary_mismatches", same("monetary_value_cal", "monetary"))
    report("compare.holdout_actual_mismatches", same("frequency_holdout", "actual"))
    joined["lifetimes_pred"] = pd.Series(np.asarray(predicted), index=summary.index)
    report("compare.max_abs_prediction_diff", f"{np.abs(joined.lifetimes_pred - joined.predicted).max():.6f}")
    # Both parameter sets judged by the same scipy likelihood on lifetimes' summary.
    ours_params = dict(line.strip().split("\t") for line in open(f"{out}/swift_clv.out") if "\t" in line)
    swift = [float(ours_params[f"bgnbd.{n}"]) for n in ["r", "alpha", "a", "b"]]
    report("judge.swift_params_loglik", f"{bgnbd_loglik(swift, x, tx, T):.4f}")


def sklearn_peer(csv, out):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

    df = pd.read_csv(csv, dtype=str, keep_default_na=False)
    report("sklearn.version", __import__("sklearn").__version__)
    y = (df.Revenue == "TRUE").values
    test = np.loadtxt(f"{out}/split_test_rows.txt", dtype=int)
    train = np.setdiff1d(np.arange(len(df)), test)
    durations = ["Administrative_Duration", "Informational_Duration", "ProductRelated_Duration"]
    plain = ["Administrative", "Informational", "ProductRelated", "BounceRates", "ExitRates", "PageValues", "SpecialDay"]
    categorical = ["Month", "VisitorType", "OperatingSystems", "Browser", "Region", "TrafficType"]
    x = df[durations + plain + categorical].copy()
    for c in durations + plain:
        x[c] = pd.to_numeric(x[c].replace("", np.nan))
    x["Weekend"] = (df.Weekend == "TRUE").astype(float)
    log1p = FunctionTransformer(lambda v: np.log1p(np.maximum(v, 0)))
    pre = ColumnTransformer([
        ("durations", make_pipeline(log1p, SimpleImputer(strategy="mean"), StandardScaler()), durations),
        ("plain", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), plain + ["Weekend"]),
        ("categorical", OneHotEncoder(handle_unknown="ignore"), categorical),
    ])
    model = make_pipeline(pre, LogisticRegression(C=1.0, max_iter=10_000, tol=1e-10))
    started = time.perf_counter()
    model.fit(x.iloc[train], y[train])
    report("sklearn.train_s", f"{time.perf_counter() - started:.3f}")
    scores = model.predict_proba(x.iloc[test])[:, 1]
    report("sklearn.features", model[0].transform(x.iloc[:1]).shape[1])
    report("sklearn.test_auc", f"{roc_auc_score(y[test], scores):.6f}")
    report("sklearn.train_auc", f"{roc_auc_score(y[train], model.predict_proba(x.iloc[train])[:, 1]):.6f}")
    ours = np.loadtxt(f"{out}/propensity_scores_swift.txt")
    report("sklearn.roc_auc_score_of_swift_scores", f"{roc_auc_score(y[test], ours):.6f}")
    report("compare.max_abs_probability_diff", f"{np.abs(ours - scores).max():.6f}")


def cdnow_peer(out):
    from lifetimes import BetaGeoFitter
    from lifetimes.datasets import load_cdnow_summary

    data = load_cdnow_summary(index_col=[0])
    data.to_csv(f"{out}/cdnow_summary.csv")
    started = time.perf_counter()
    bgf = BetaGeoFitter(penalizer_coef=0.0).fit(data["frequency"], data["recency"], data["T"])
    report("lifetimes.cdnow.fit_s", f"{time.perf_counter() - started:.3f}")
    for name in ["r", "alpha", "a", "b"]:
        report(f"lifetimes.cdnow.{name}", f"{bgf.params_[name]:.6f}")
    p = bgf.params_
    report("lifetimes.cdnow.loglik", f"{bgnbd_loglik([p.r, p.alpha, p.a, p.b], data['frequency'].values, data['recency'].values, data['T'].values):.4f}")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "lifetimes":
        lifetimes_peer(sys.argv[2], sys.argv[3])
    elif command == "sklearn":
        sklearn_peer(sys.argv[2], sys.argv[3])
    elif command == "cdnow":
        cdnow_peer(sys.argv[2])
    else:
        sys.exit(__doc__)
