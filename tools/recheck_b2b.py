"""Independent recheck of `solve` output on the B2B instances; shares no code with the C# solver.

Usage (from the repository root):
  dotnet run -c Release --project Matchmaker.Silo -- solve data/b2b-scheduling/instances/*.dzn --fairness 2 --time-limit 30 \
    | python3 tools/recheck_b2b.py data/b2b-scheduling/optima.csv data/b2b-scheduling/instances

Checks every requested meeting once, sessions, forbidden slots, one meeting per participant and per table in
a slot, recounts the breaks and the spread (fairness d = 2), and compares with the published optimum.
"""
import json, re, sys, csv
def parse(path):
    text = open(path).read()
    text = re.sub(r'%.*', '', text)
    def intv(name): return int(re.search(name + r'\s*=\s*(\d+)\s*;', text).group(1))
    req = re.search(r'requested\s*=\s*\[(.*?)\]\s*;', text, re.S).group(1)
    rows = [r for r in req.split('|') if r.strip()]
    meetings = [tuple(int(x) for x in r.replace(',', ' ').split()) for r in rows]
    forb = re.search(r'forbidden\s*=\s*\[(.*?)\]\s*;', text, re.S).group(1)
    sets = re.findall(r'\{([^}]*)\}', forb)
    forbidden = [set(int(x) for x in s.replace(',', ' ').split()) for s in sets]
    return dict(n=intv('nBusiness'), m=intv('nMeetings'), tables=intv('nTables'), slots=intv('nTotalSlots'), morning=intv('nMorningSlots'), meetings=meetings, forbidden=forbidden)
optima = {r['instance']: int(r['optimum_breaks_d2']) for r in csv.DictReader(open(sys.argv[1]))}
ok = 0
for line in sys.stdin:
    out = json.loads(line)
    name = out['instance']; inst = parse(f"{sys.argv[2]}/{name}.dzn")
    problems = []
    if out['status'] not in ('optimal', 'feasible'):
        print(f"{name}: {out['status']} (no schedule)"); continue
    need = {}
    for a, b, s in inst['meetings']:
        need.setdefault(frozenset((a, b)), []).append(s)
    got = out['meetings']
    if len(got) != inst['m']: problems.append(f"{len(got)} meetings, need {inst['m']}")
    busy = {}; tables = {}
    for g in got:
        a, b, t, tb = g['a'], g['b'], g['slot'], g['table']
        key = frozenset((a, b))
        if key not in need or not need[key]: problems.append(f"unrequested or duplicate {a}-{b}"); continue
        s = need[key].pop()
        if not 1 <= t <= inst['slots']: problems.append(f"slot {t}")
        if s == 1 and t > inst['morning']: problems.append(f"{a}-{b} morning only, at {t}")
        if s == 2 and t <= inst['morning']: problems.append(f"{a}-{b} afternoon only, at {t}")
        for p in (a, b):
            if t in inst['forbidden'][p - 1]: problems.append(f"{p} forbidden at {t}")
            if (p, t) in busy: problems.append(f"{p} twice at {t}")
            busy[(p, t)] = 1
        if not 1 <= tb <= inst['tables']: problems.append(f"table {tb}")
        if (t, tb) in tables: problems.append(f"table {tb} twice at {t}")
        tables[(t, tb)] = 1
    breaks = []
    for p in range(1, inst['n'] + 1):
        ts = sorted(t for (q, t) in busy if q == p)
        breaks.append(sum(1 for x, y in zip(ts, ts[1:]) if y != x + 1))
    total = sum(breaks); spread = max(breaks) - min(breaks)
    if spread > 2: problems.append(f"spread {spread}")
    if total != out['breaks']: problems.append(f"breaks recount {total} != printed {out['breaks']}")
    verdict = "OK at optimum" if not problems and total == optima[name] and out['status'] == 'optimal' else f"{problems or ''} total {total} optimum {optima[name]}"
    if verdict.startswith("OK"): ok += 1
    print(f"{name}: {out['status']} breaks {total} spread {spread} -> {verdict}")
print(f"{ok} of 20 feasible and at the published optimum")
