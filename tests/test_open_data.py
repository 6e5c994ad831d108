#!/usr/bin/env python3
"""The open data is what its documentation says.

Usage: test_open_data.py PLANSITE SOURCE_DIR

Builds SOURCE_DIR's site and a synthetic site (tests/bench/gen_site.py 200) into temporary
folders, then for each:
  - data/workplans.schema.json is a valid JSON Schema (draft 2020-12) and data/workplans.json
    validates against it (python3-jsonschema);
  - broken copies of the export (a required field null, a field removed, an unknown field, a
    language missing from a text, a number given as a string) do NOT validate: the schema is
    strict enough for the test to fail.
Prints one line per problem; exits 1 if any.
"""
import copy
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

import jsonschema


def build(plansite, site, dest, errors):
    env = dict(os.environ, PLANSITE_PAGEFIND="off", SOURCE_DATE_EPOCH="1700000000")
    out = subprocess.run([plansite, "build", "-s", site, "-d", dest], capture_output=True,
                         text=True, env=env)
    if out.returncode != 0:
        errors.append("%s: build failed: %s" % (site, out.stderr))
        return False
    return True


def load(dest, rel):
    with open(os.path.join(dest, rel), encoding="utf-8") as f:
        return json.load(f)


def breakages(data):
    """(what, broken copy) pairs, each of which the schema must reject."""
    out = []

    def variant(what, fn):
        d = copy.deepcopy(data)
        fn(d)
        out.append((what, d))

    def ws(d):
        return d["plans"][0]["workstreams"][0]

    variant("a workstream's slug is null", lambda d: ws(d).__setitem__("slug", None))
    variant("a plan has no title", lambda d: d["plans"][0].pop("title"))
    variant("a workstream has an unknown field", lambda d: ws(d).__setitem__("leaders", []))
    variant("a text lacks a language",
            lambda d: ws(d)["title"].pop(d["languages"][-1]))
    variant("an objective is a string", lambda d: ws(d).__setitem__("objectives", ["8"]))
    variant("an activity's text is null",
            lambda d: ws(d)["activities"][0].__setitem__("text", None)
            if ws(d)["activities"] else ws(d).__setitem__("activities", [{"text": None}]))
    variant("the plans are not a list", lambda d: d.__setitem__("plans", {}))
    return out


def check_schema(dest, name, errors):
    schema = load(dest, "data/workplans.schema.json")
    data = load(dest, "data/workplans.json")
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.SchemaError as e:
        errors.append("%s: the schema is not a valid draft 2020-12 schema: %s" % (name, e.message))
        return
    if schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        errors.append("%s: the schema does not declare draft 2020-12" % name)
    v = jsonschema.Draft202012Validator(schema)
    for e in list(v.iter_errors(data))[:20]:
        errors.append("%s: data/workplans.json%s: %s" % (name, e.json_path[1:], e.message[:200]))
    for what, broken in breakages(data):
        if v.is_valid(broken):
            errors.append("%s: the schema accepts a broken export (%s)" % (name, what))


def main():
    plansite, src = sys.argv[1], sys.argv[2]
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        synth = os.path.join(tmp, "synth")
        subprocess.run([sys.executable, os.path.join(src, "tests/bench/gen_site.py"), "200",
                        synth], check=True, capture_output=True)
        for name, site in (("site", src), ("synthetic", synth)):
            dest = os.path.join(tmp, name + "-out")
            if build(plansite, site, dest, errors):
                check_schema(dest, name, errors)
    for e in errors:
        print(e)
    print("open data: %d problems" % len(errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
