#!/usr/bin/env python3
"""Enrolls the demo learner of a running Host over the HTTP API, as a course player would, for the load tool:
four LFW photos of one person as webcam frames, the fifth as the ID photo, and ten real CMU typings of the
benchmark password (the Host must run with Proctoring:TypingPhrase=.tie5Roanl).
Usage: enroll-load-learner.py URL API_KEY LEARNER COURSE LFW_PERSON_DIR CMU_CSV"""
import csv, json, os, sys, urllib.request

url, api_key, learner, course, person_dir, cmu_csv = sys.argv[1:7]
KEYS = [(".", "Period"), ("t", "KeyT"), ("i", "KeyI"), ("e", "KeyE"), ("5", "Digit5"), ("R", "KeyR"),
        ("o", "KeyO"), ("a", "KeyA"), ("n", "KeyN"), ("l", "KeyL"), ("Enter", "Enter")]


def call(method, path, body=None, content_type="application/json", token=None, headers=None):
    data = json.dumps(body).encode() if content_type == "application/json" and body is not None else body
    request = urllib.request.Request(url + path, data=data, method=method)
    request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    with urllib.request.urlopen(request) as response:
        text = response.read()
        return json.loads(text) if text else None


def events(timings, start=1000.0):
    """A CMU row's timings as browser key events, as CmuKeystrokeData.ToEvents makes them."""
    out, down = [], start
    for k, (key, code) in enumerate(KEYS):
        up = down + timings[3 * k] * 1000
        if k == 5:
            out += [("down", "Shift", "ShiftLeft", down - 40), ("up", "Shift", "ShiftLeft", up + 40)]
        out += [("down", key, code, down), ("up", key, code, up)]
        if k + 1 < len(KEYS):
            down += timings[3 * k + 1] * 1000
    out.sort(key=lambda e: e[3])
    return {"events": [{"type": t, "key": key, "code": c, "timeStamp": ts, "repeat": False} for t, key, c, ts in out]}


token = call("POST", "/api/v1/tokens", {"learnerId": learner, "courseId": course, "purpose": "enrollment"}, headers={"X-Api-Key": api_key})["token"]
base = f"/api/v1/learners/{learner}"
call("POST", base + "/consent", {"version": 1}, token=token)
photos = sorted(os.path.join(person_dir, f) for f in os.listdir(person_dir) if f.endswith(".jpg"))
for photo in photos[:4]:
    call("POST", base + "/identity/frames", open(photo, "rb").read(), "image/jpeg", token)
call("PUT", base + "/identity/id-photo", open(photos[4], "rb").read(), "image/jpeg", token)
with open(cmu_csv) as f:
    rows = [r for r in csv.reader(f) if r[0] == "s002"][150:160]
for row in rows:
    call("POST", base + "/identity/typing-samples", events([float(x) for x in row[3:]]), token=token)
print(json.dumps(call("POST", base + "/identity/complete", token=token)))
