"""Diff itemsets and rules of recs-bench against a peer; floats compared with tolerance 1e-9.

usage: compare.py OUT_DIR PEER_NAME   (reads swift_*.tsv and PEER_NAME_*.tsv)
Exit 0 when identical, 1 otherwise (differences are printed).
"""
import sys

TOLERANCE = 1e-9


def load(path, key_columns):
    rows = {}
    with open(path) as f:
        next(f)
        for line in f:
            fields = line.rstrip("\n").split("\t")
            key = tuple(frozenset(fields[i].split(" ")) for i in range(key_columns))
            if key in rows:
                raise SystemExit(f"{path}: duplicate row {key}")
            rows[key] = [int(fields[key_columns])] + [float(x) for x in fields[key_columns + 1:]]
    return rows


def diff(kind, ours, theirs, names):
    problems = 0
    only_ours, only_theirs = ours.keys() - theirs.keys(), theirs.keys() - ours.keys()
    for key in sorted(only_ours, key=str)[:10]:
        print(f"  {kind} only in swift: {key} {ours[key]}")
    for key in sorted(only_theirs, key=str)[:10]:
        print(f"  {kind} only in peer: {key} {theirs[key]}")
    problems += len(only_ours) + len(only_theirs)
    worst = 0.0
    for key in ours.keys() & theirs.keys():
        a, b = ours[key], theirs[key]
        if a[0] != b[0]:
            problems += 1
            print(f"  {kind} count differs: {key} {a[0]} vs {b[0]}")
        for name, x, y in zip(names, a[1:], b[1:]):
            worst = max(worst, abs(x - y))
            if abs(x - y) > TOLERANCE:
                problems += 1
                print(f"  {kind} {name} differs: {key} {x!r} vs {y!r}")
    print(f"{kind}: swift={len(ours)} peer={len(theirs)} common={len(ours.keys() & theirs.keys())} "
          f"max_abs_float_diff={worst:.3g} mismatches={problems}")
    return problems


def main():
    out_dir, peer = sys.argv[1:3]
    problems = diff("itemsets", load(f"{out_dir}/swift_itemsets.tsv", 1), load(f"{out_dir}/{peer}_itemsets.tsv", 1), ["support"])
    problems += diff("rules", load(f"{out_dir}/swift_rules.tsv", 2), load(f"{out_dir}/{peer}_rules.tsv", 2),
                     ["support", "confidence", "lift"])
    print(f"IDENTICAL swift vs {peer}" if problems == 0 else f"DIFFERENT swift vs {peer}: {problems} mismatches")
    sys.exit(0 if problems == 0 else 1)


if __name__ == "__main__":
    main()
