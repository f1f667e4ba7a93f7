#!/usr/bin/env python3
"""Print, per document, how much of the narrative the checker resolved and checked.

    python3 scripts/narrative-coverage.py [--bin target/release/budget-audit] [FILE...]

Without FILE, the whole of ../shared/corpus checked as one batch, as `budget-audit check DIR`
checks it: a narrative file and its tables file read as one publication (their report named
`TEXT+TABLES`); the reports comparing two years are left out (each year is counted once). With
FILE..., each file on its own. For each document: the figures the narrative
states (claims with an amount), how many a table cell describes (resolved) and how many a rule
compared (checked), then the same for figure sentences: a sentence counts as resolved (checked)
when every figure it states is. The numbers come from the `coverage` of `budget-audit check
--format json` (see README.md); nothing is recomputed here."""
import argparse, glob, json, os, subprocess, sys


def pct(part, whole):
    return f"{100 * part / whole:5.1f}%" if whole else "    —"


def report_name(rep):
    doc = rep["document"]
    parts = [os.path.basename(p["source"]) for p in doc.get("parts") or []]
    return "+".join(parts) if parts else os.path.basename(doc["source"])


def reports(binary, files, corpus):
    """(name, report) of every document: each FILE on its own, or the corpus as one batch."""
    if files:
        for f in files:
            r = subprocess.run([binary, "check", "--format", "json", f], capture_output=True, text=True)
            try:
                yield os.path.basename(f), json.loads(r.stdout.splitlines()[0])
            except (IndexError, ValueError):
                print(f"{os.path.basename(f):48} no report: {r.stderr.strip()[:80]}")
        return
    r = subprocess.run([binary, "check", "--format", "json", corpus], capture_output=True, text=True)
    reps = [json.loads(line) for line in r.stdout.splitlines() if line.strip()]
    for rep in sorted(reps, key=report_name):
        if not rep["document"].get("previous"):
            yield report_name(rep), rep


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = os.path.join(here, "..", "..", "shared", "corpus")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", default="target/release/budget-audit")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    if not os.path.exists(a.bin):
        sys.exit(f"no {a.bin}: build it first (cargo build --release -p budget-audit)")
    print(f"{'document':48} {'figures':>7} {'resolved':>8} {'checked':>8}  {'sentences':>9} {'resolved':>8} {'checked':>8}")
    tot = dict(f=0, r=0, c=0, s=0, sr=0, sc=0)
    for name, rep in reports(a.bin, a.files, corpus):
        cov, claims = rep["coverage"], rep["claims"]
        figures, resolved, checked = set(cov["figures"]), set(cov["resolved"]), set(cov["checked"])
        sentences = {}
        for i in figures:
            sentences.setdefault(claims[i]["sentence"], []).append(i)
        s_res = sum(all(i in resolved for i in ii) for ii in sentences.values())
        s_chk = sum(all(i in checked for i in ii) for ii in sentences.values())
        n = len(figures)
        print(f"{name:48} {n:7} {pct(len(resolved), n):>8} {pct(len(checked), n):>8}  "
              f"{len(sentences):9} {pct(s_res, len(sentences)):>8} {pct(s_chk, len(sentences)):>8}")
        for k, v in (("f", n), ("r", len(resolved)), ("c", len(checked)), ("s", len(sentences)), ("sr", s_res), ("sc", s_chk)):
            tot[k] += v
    print(f"{'total':48} {tot['f']:7} {pct(tot['r'], tot['f']):>8} {pct(tot['c'], tot['f']):>8}  "
          f"{tot['s']:9} {pct(tot['sr'], tot['s']):>8} {pct(tot['sc'], tot['s']):>8}")


if __name__ == "__main__":
    main()
