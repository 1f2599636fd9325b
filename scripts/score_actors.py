#!/usr/bin/env python3
"""Score actor resolution (`sitrep lexicon lookup`) on an actors eval file.

The file is a JSON list of cases `{"args": [phrase, context, date],
"expect": {"country": ..., "code_1": ...}}` (the layout of
../shared/eval/actors-dev.json, from the tests of the NGEC coder). Each
case runs

    sitrep lexicon lookup --json PHRASE [--context CONTEXT] [--date DATE]

(`--date` is left off when the date is empty or "today": the lookup then
uses today's offices) and compares:

- country: the lookup's `code` with `expect.country`. An expected `IGO`
  also accepts `UNO` and `EUR` (PLOVER separates the UN and the EU from
  other intergovernmental organisations; the eval file does not). An
  expected empty or null country wants no code.
- sector: the lookup's `sector` with `expect.code_1`, when the case has
  `code_1`. An expected empty or null sector wants no sector.

Nothing else is mapped: expected codes the engine cannot produce (NGEC's
"JNK", "????") count as misses.

usage: scripts/score_actors.py [--misses] EVAL.json path/to/sitrep [--lexicon DIR ...]
"""
import json
import subprocess
import sys


def lookup(binary, phrase, context, date, extra):
    cmd = [binary, "lexicon", "lookup", "--json", phrase] + extra
    if context:
        cmd += ["--context", context]
    if date and date.strip().lower() != "today":
        cmd += ["--date", date]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        return None, p.stderr.strip().splitlines()[-1:] or ["failed"]
    try:
        return json.loads(p.stdout) or {}, None
    except json.JSONDecodeError:
        return None, ["not JSON: " + p.stdout[:80]]


def country_ok(want, got):
    want, got = want or "", got or ""
    if want == "IGO":
        return got in ("IGO", "UNO", "EUR")
    return want == got


def main(argv):
    show = "--misses" in argv
    argv = [a for a in argv if a != "--misses"]
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    cases = json.load(open(argv[1], encoding="utf-8"))
    binary, extra = argv[2], argv[3:]
    n_country = n_sector = ok_country = ok_sector = errors = 0
    for case in cases:
        args = case["args"] + ["", ""]
        phrase, context, date = args[0], args[1] or "", args[2] or ""
        exp = case["expect"]
        r, err = lookup(binary, phrase, context, date, extra)
        if r is None:
            errors += 1
            r = {}
            if show:
                print(f"ERROR {phrase!r}: {err}")
        if "country" in exp:
            n_country += 1
            ok = country_ok(exp["country"], r.get("code"))
            ok_country += ok
            if show and not ok:
                print(f"country {phrase!r} ctx={context!r} date={date!r}: want {exp['country']!r} got {r.get('code')!r} ({r.get('entry')})")
        if "code_1" in exp:
            n_sector += 1
            ok = (exp["code_1"] or "") == (r.get("sector") or "")
            ok_sector += ok
            if show and not ok:
                print(f"sector  {phrase!r} ctx={context!r} date={date!r}: want {exp['code_1']!r} got {r.get('sector')!r} ({r.get('entry')})")
    pc = ok_country / n_country if n_country else 0.0
    ps = ok_sector / n_sector if n_sector else 0.0
    print(f"country {ok_country}/{n_country} = {pc:.3f}; sector {ok_sector}/{n_sector} = {ps:.3f}; {len(cases)} cases, {errors} errors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
