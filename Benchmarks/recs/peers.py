"""Run one Python peer on the basket file written by `recs-bench prepare`.

usage: peers.py efficient-apriori|mlxtend|mlxtend-fpgrowth BASKETS OUT_DIR MIN_SUPPORT MIN_CONFIDENCE MAX_LENGTH|none

Writes OUT_DIR/<peer>_itemsets.tsv and <peer>_rules.tsv in the same layout as recs-bench
(codes sorted and space-joined; repr() floats) and prints the mining time.
"""
import sys
import time


def read_baskets(path):
    with open(path) as f:
        return [tuple(line.split()) for line in f.read().split("\n")[:-1]]


def write(out_dir, name, itemsets, rules):
    with open(f"{out_dir}/{name}_itemsets.tsv", "w") as f:
        f.write("items\tcount\tsupport\n")
        for items, count, support in itemsets:
            f.write(f"{' '.join(sorted(items))}\t{count}\t{support!r}\n")
    with open(f"{out_dir}/{name}_rules.tsv", "w") as f:
        f.write("antecedent\tconsequent\tcount\tsupport\tconfidence\tlift\n")
        for lhs, rhs, count, support, confidence, lift in rules:
            f.write(f"{' '.join(sorted(lhs))}\t{' '.join(sorted(rhs))}\t{count}\t{support!r}\t{confidence!r}\t{lift!r}\n")


def run_efficient_apriori(baskets, min_support, min_confidence, max_length):
    from efficient_apriori import apriori

    start = time.perf_counter()
    # efficient-apriori's own default max_length is 8; "none" means no limit here.
    itemsets, rules = apriori(baskets, min_support=min_support, min_confidence=min_confidence,
                              max_length=max_length if max_length is not None else 10**9)
    rules = list(rules)
    elapsed = time.perf_counter() - start
    n = len(baskets)
    out_sets = [(items, count, count / n) for size in itemsets.values() for items, count in size.items()]
    out_rules = [(r.lhs, r.rhs, r.count_full, r.support, r.confidence, r.lift) for r in rules]
    return elapsed, out_sets, out_rules


def run_mlxtend(baskets, min_support, min_confidence, max_length, algorithm):
    import pandas as pd
    from mlxtend.frequent_patterns import apriori, association_rules, fpgrowth
    from mlxtend.preprocessing import TransactionEncoder

    start = time.perf_counter()
    encoder = TransactionEncoder()
    frame = pd.DataFrame(encoder.fit(baskets).transform(baskets), columns=encoder.columns_)
    encoded = time.perf_counter()
    miner = apriori if algorithm == "apriori" else fpgrowth
    frequent = miner(frame, min_support=min_support, use_colnames=True, max_len=max_length)
    rules = association_rules(frequent, num_itemsets=len(baskets), metric="confidence", min_threshold=min_confidence)
    elapsed = time.perf_counter() - start
    print(f"encode_s={encoded - start:.3f}")
    n = len(baskets)
    out_sets = [(tuple(items), round(support * n), support) for items, support in zip(frequent["itemsets"], frequent["support"])]
    out_rules = [
        (tuple(a), tuple(c), round(s * n), s, conf, lift)
        for a, c, s, conf, lift in zip(rules["antecedents"], rules["consequents"], rules["support"], rules["confidence"], rules["lift"])
    ]
    return elapsed, out_sets, out_rules


def main():
    peer, baskets_path, out_dir, min_support, min_confidence, max_length = sys.argv[1:7]
    min_support, min_confidence = float(min_support), float(min_confidence)
    max_length = None if max_length == "none" else int(max_length)
    start = time.perf_counter()
    baskets = read_baskets(baskets_path)
    print(f"read_s={time.perf_counter() - start:.3f}")
    if peer == "efficient-apriori":
        elapsed, itemsets, rules = run_efficient_apriori(baskets, min_support, min_confidence, max_length)
    elif peer == "mlxtend":
        elapsed, itemsets, rules = run_mlxtend(baskets, min_support, min_confidence, max_length, "apriori")
    elif peer == "mlxtend-fpgrowth":
        elapsed, itemsets, rules = run_mlxtend(baskets, min_support, min_confidence, max_length, "fpgrowth")
    else:
        sys.exit(f"unknown peer {peer}")
    print(f"mine_total_s={elapsed:.3f}")
    print(f"itemsets={len(itemsets)}")
    print(f"rules={len(rules)}")
    write(out_dir, peer.replace("-", "_"), itemsets, rules)


if __name__ == "__main__":
    main()
