#!/usr/bin/env python3
"""Peer for the B7 retrieval benchmark: bm25s (method "lucene", k1=1.5, b=0.75) on exactly
the tokens that `answers-eval bench-retrieval --out DIR` wrote, one query per retrieve() call.

Prints p50/p99 latency and queries/s, and compares each query's top-10 with Swift's:
- exact: same ids in the same order;
- tie-aware: same ids once documents with equal scores are allowed to swap (bm25s breaks
  ties arbitrarily via argpartition; Swift breaks them by document position).
Only hits with a positive score are compared (bm25s fills a short list with zero-score docs).
"""
import argparse, json, time
import numpy as np
import bm25s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    corpus = json.load(open(f"{a.dir}/corpus_tokens.json"))
    ids = json.load(open(f"{a.dir}/corpus_ids.json"))
    queries = json.load(open(f"{a.dir}/query_tokens.json"))
    swift = json.load(open(f"{a.dir}/swift_top10.json"))

    t0 = time.perf_counter()
    retriever = bm25s.BM25(k1=1.5, b=0.75, method="lucene")
    retriever.index(corpus, show_progress=False)
    build_ms = (time.perf_counter() - t0) * 1e3

    exact = tie_aware = 0
    max_score_diff = 0.0
    for q, s in zip(queries, swift):
        docs, scores = retriever.retrieve([q], k=10, show_progress=False)
        pairs = [(ids[d], float(sc)) for d, sc in zip(docs[0], scores[0]) if sc > 0]
        peer_ids = [p[0] for p in pairs]
        if peer_ids == s["ids"]:
            exact += 1
        # Tie-aware: same length, same scores position by position (float32), same ids per score group.
        same = len(pairs) == len(s["ids"]) and all(
            np.float32(p[1]) == np.float32(sw) for p, sw in zip(pairs, s["scores"]))
        if same:
            for score in set(np.float32(p[1]) for p in pairs):
                a_ids = {p[0] for p in pairs if np.float32(p[1]) == score}
                b_ids = {i for i, sw in zip(s["ids"], s["scores"]) if np.float32(sw) == score}
                # The lowest score group may be cut at 10 differently: require a subset match there.
                if a_ids != b_ids and score != np.float32(pairs[-1][1]):
                    same = False
        if same:
            tie_aware += 1
        for p, sw in zip(pairs, s["scores"]):
            max_score_diff = max(max_score_diff, abs(p[1] - sw))

    lat = []
    for run in range(a.runs + 1):
        for q in queries:
            t = time.perf_counter()
            retriever.retrieve([q], k=10, show_progress=False)
            if run > 0:
                lat.append(time.perf_counter() - t)
    lat.sort()
    pct = lambda p: lat[min(len(lat) - 1, int(len(lat) * p))]
    print(json.dumps({
        "side": f"python bm25s {bm25s.__version__} (lucene)",
        "documents": len(corpus), "queries": len(queries), "timed_queries": len(lat),
        "build_ms": round(build_ms, 1),
        "p50_us": round(pct(0.5) * 1e6, 1), "p99_us": round(pct(0.99) * 1e6, 1),
        "queries_per_s": round(len(lat) / sum(lat), 1),
        "top10_identical_exact": exact, "top10_identical_tie_aware": tie_aware,
        "max_abs_score_diff": max_score_diff,
    }, sort_keys=True))


if __name__ == "__main__":
    main()
