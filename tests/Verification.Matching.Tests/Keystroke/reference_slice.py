#!/usr/bin/env python3
"""Runs ../shared/eval-data/keystroke/reference_eval.py's own protocol code on a slice of the CMU file.

The slice is the first K subjects (sorted by name) with all their 400 rows; for each of them as the genuine user:
train on the first N rows, genuine = sessions 5-8, impostors = session 1 reps 1-5 of the other K-1 subjects.
Prints {"<N>": {"<detector>": {"<subject>": [eer, zmfar], ...}}} as JSON.

usage: reference_slice.py REFERENCE_DIR K N[,N...]
"""
import json
import os
import sys

ref_dir, k, sizes = sys.argv[1], int(sys.argv[2]), [int(n) for n in sys.argv[3].split(",")]
sys.path.insert(0, ref_dir)
import reference_eval as ref  # noqa: E402

with open(os.path.join(ref_dir, "DSL-StrongPasswordData.csv"), "rb") as f:
    rows = [r.split(",") for r in f.read().decode("ascii").splitlines()[1:]]
data = {}
for r in rows:
    data.setdefault(r[0], []).append((int(r[1]), int(r[2]), [float(v) for v in r[3:]]))
keep = sorted(data)[:k]
data = {s: sorted(data[s], key=lambda t: (t[0], t[1])) for s in keep}

out = {}
for n in sizes:
    for name in ["Manhattan (scaled)", "Outlier Count (z-score)", "Nearest Neighbor (Mahalanobis)", "Mahalanobis"]:
        train_fn, score_fn = ref.DETECTORS[name]
        for subj in keep:
            own = data[subj]
            train = [v for _, _, v in own[:n]]
            genuine = [v for sess, _, v in own if sess >= 5]
            impostor = [v for s in keep if s != subj for sess, rep, v in data[s] if sess == 1 and rep <= 5]
            model = train_fn(train)
            us = [score_fn(model, x) for x in genuine]
            im = [score_fn(model, x) for x in impostor]
            out.setdefault(str(n), {}).setdefault(name, {})[subj] = [ref.equal_error_rate(us, im), ref.zero_miss_far(us, im)]
print(json.dumps(out, sort_keys=True))
