"""Recall and precision of the advertising-rules check on the labelled evaluation set.

    .venv/bin/python scripts/compliance_eval.py [--misses]

Runs the check with the researched starting terms (clinic/compliance/terms.py) on every
case in tests/compliance/cases.py and prints, per rule and overall, how many breaches it
found (recall) and how many of its alarms were right (precision). ``--misses`` lists the
cases it got wrong. Needs no database.
"""

import os
import sys
from pathlib import Path
from types import SimpleNamespace

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
os.environ.setdefault("DEBUG", "true")
django.setup()

from clinic.compliance.checker import check  # noqa: E402
from clinic.compliance.terms import TERMS  # noqa: E402
from tests.compliance.cases import CASES  # noqa: E402

LABELS = {"prescription_medicine": "pom", "claim": "claim", "pressure": "pressure", "under_18": "u18"}
CATEGORIES = ["pom", "claim", "pressure", "u18"]


def seed_terms():
    """The starting terms as unsaved objects with a ComplianceTerm's attributes."""
    return [
        SimpleNamespace(pk=index, phrase=phrase, is_pattern=is_pattern, kind=kind, severity=severity, source=source,
                        explanation=explanation, cap_rule="", suggestion="")
        for index, (phrase, is_pattern, kind, severity, source, explanation) in enumerate(TERMS)
    ]  # fmt: skip


def evaluate(cases=CASES, terms=None):
    """{category: {"tp", "fp", "fn", "recall", "precision"}} plus "overall" (a case flagged at all), and the misses."""
    terms = seed_terms() if terms is None else terms
    counts = {name: {"tp": 0, "fp": 0, "fn": 0} for name in [*CATEGORIES, "overall"]}
    misses = []
    for labels, text, source in cases:
        wanted = set(labels.split())
        got = {LABELS[finding.term.kind] for finding in check({"Text": text}, terms)}
        for name in CATEGORIES:
            if name in got and name in wanted:
                counts[name]["tp"] += 1
            elif name in got:
                counts[name]["fp"] += 1
            elif name in wanted:
                counts[name]["fn"] += 1
        overall = counts["overall"]
        overall["tp" if wanted and got else "fp" if got else "fn" if wanted else "tn"] = (
            overall.get("tp" if wanted and got else "fp" if got else "fn" if wanted else "tn", 0) + 1
        )
        if wanted != got:
            misses.append((labels, sorted(got), text, source))
    for row in counts.values():
        found, alarms = row["tp"] + row["fn"], row["tp"] + row["fp"]
        row["recall"] = row["tp"] / found if found else 1.0
        row["precision"] = row["tp"] / alarms if alarms else 1.0
    return counts, misses


def main():
    counts, misses = evaluate()
    print(f"{len(CASES)} cases")
    print(f"{'rule':10} {'recall':>16} {'precision':>16}")
    for name, row in counts.items():
        found, alarms = row["tp"] + row["fn"], row["tp"] + row["fp"]
        recall = f"{row['recall']:7.1%} ({row['tp']:3}/{found:3})"
        print(f"{name:10} {recall} {row['precision']:7.1%} ({row['tp']:3}/{alarms:3})")
    if "--misses" in sys.argv:
        for labels, got, text, source in misses:
            print(f"want {labels or '-':14} got {' '.join(got) or '-':14} {text}  [{source}]")


if __name__ == "__main__":
    main()
