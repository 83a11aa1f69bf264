#!/usr/bin/env python3
"""Peer baseline for the ReboundAnswers intent model: scikit-learn TF-IDF + LogisticRegression.

Reads the split files written by `answers-eval split --out DIR` (columns text,intent), so both
sides train and test on exactly the same items:
  support_intents.{train,test}.csv, banking77.{train,test}.csv,
  clinc150.{train,test}.csv and clinc150.{fit,tune}.csv (the threshold hold-out).

Features: word 1-2-grams + char_wb 2-5-grams, TfidfVectorizer(sublinear_tf=True) each, hstacked.
Model: LogisticRegression(C=--C, max_iter=2000) (lbfgs, multinomial).
Out-of-scope (clinc150): "oos" is a class in training; a probability threshold is tuned exactly
as IntentEvaluation does it: fit on clinc150.fit.csv, predict clinc150.tune.csv, pick k/200
(k = 0..200) maximising 0.8 * in-scope accuracy + 0.2 * OOS recall (ties -> lowest), refit on
clinc150.train.csv, hand over below the threshold (or when "oos" is predicted).
Prints one JSON line per data set with the same keys as `rebound bot evaluate --json`.
"""
import argparse, csv, json, sys, time
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

OOS = "oos"


def load(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [r["text"] for r in rows], [r["intent"] for r in rows]


class Model:
    def __init__(self, C):
        self.C = C

    def fit(self, X, y):
        self.vecs = [TfidfVectorizer(sublinear_tf=True, analyzer="word", ngram_range=(1, 2)),
                     TfidfVectorizer(sublinear_tf=True, analyzer="char_wb", ngram_range=(2, 5))]
        A = hstack([v.fit_transform(X) for v in self.vecs]).tocsr()
        self.lr = LogisticRegression(C=self.C, max_iter=2000).fit(A, y)
        return self

    def proba(self, X):
        A = hstack([v.transform(X) for v in self.vecs]).tocsr()
        return self.lr.predict_proba(A)


def predictions(model, X, threshold, oos_label):
    P = model.proba(X)
    classes = model.lr.classes_
    out = []
    for p in P:
        k = int(np.argmax(p))
        c = classes[k]
        handover = (oos_label is not None and (c == oos_label or p[k] < threshold))
        out.append(None if handover else c)
    return out


def metrics(gold, pred, oos_label):
    handover = oos_label if oos_label is not None else "<handover>"
    pred = [handover if p is None else p for p in pred]
    n = len(gold)
    correct = sum(g == p for g, p in zip(gold, pred))
    ins = [(g, p) for g, p in zip(gold, pred) if g != oos_label]
    oos = [(g, p) for g, p in zip(gold, pred) if oos_label is not None and g == oos_label]
    handed = sum(p == handover for p in pred)
    f1s = []
    for label in set(gold):
        tp = sum(g == label and p == label for g, p in zip(gold, pred))
        fp = sum(g != label and p == label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        f1s.append(0.0 if 2 * tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn))
    r = {"accuracy": correct / n, "macro_f1": sum(f1s) / len(f1s),
         "in_scope_accuracy": (sum(g == p for g, p in ins) / len(ins)) if ins else 0.0,
         "oos_recall": None, "oos_precision": None}
    if oos:
        hit = sum(p == handover for _, p in oos)
        r["oos_recall"] = hit / len(oos)
        r["oos_precision"] = hit / handed if handed else 0.0
    return {k: (round(v, 6) if v is not None else None) for k, v in r.items()}


def tune(model, X, y, oos_label):
    P = model.proba(X)
    classes = model.lr.classes_
    top = P.max(1)
    cand = classes[P.argmax(1)]
    gold = np.array(y)
    is_oos = gold == oos_label
    best = (0.0, -1.0)
    for k in range(201):
        t = k / 200
        handover = (cand == oos_label) | (top < t)
        ins_acc = np.mean((~handover & (cand == gold))[~is_oos])
        rec = np.mean(handover[is_oos])
        obj = 0.8 * ins_acc + 0.2 * rec
        if obj > best[1] + 1e-12:
            best = (t, obj)
    return best[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--splits", required=True)
    ap.add_argument("--C", type=float, default=1.0)
    ap.add_argument("--only", default="support_intents,banking77,clinc150")
    a = ap.parse_args()
    for name in a.only.split(","):
        t0 = time.time()
        Xtr, ytr = load(f"{a.splits}/{name}.train.csv")
        Xte, yte = load(f"{a.splits}/{name}.test.csv")
        threshold, oos_label = 0.0, None
        if name == "clinc150":
            oos_label = OOS
            Xf, yf = load(f"{a.splits}/{name}.fit.csv")
            Xt, yt = load(f"{a.splits}/{name}.tune.csv")
            threshold = tune(Model(a.C).fit(Xf, yf), Xt, yt, oos_label)
        model = Model(a.C).fit(Xtr, ytr)
        m = metrics(yte, predictions(model, Xte, threshold, oos_label), oos_label)
        print(json.dumps({"dataset": name, "peer": f"sklearn LR C={a.C}", **m,
                          "threshold": threshold, "seconds": round(time.time() - t0, 1)}), flush=True)


if __name__ == "__main__":
    main()
