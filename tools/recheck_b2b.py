"""Independent recheck of `solve` output on B2B instances; shares no code with the C# solver.

Usage (from the repository root):
  dotnet run -c Release --project Matchmaker.Silo -- solve data/b2b-scheduling/instances/*.dzn --fairness 2 --time-limit 30 \
    | python3 tools/recheck_b2b.py data/b2b-scheduling/optima.csv data/b2b-scheduling/instances
  # generated variants (no published optimum: the schedule is checked and the breaks recounted)
  dotnet run -c Release --project Matchmaker.Benchmarks -- write-variants --out /tmp/variants
  dotnet run -c Release --project Matchmaker.Silo -- solve /tmp/variants/*.dzn --fairness 2 --time-limit 10 \
    | python3 tools/recheck_b2b.py data/b2b-scheduling/optima.csv /tmp/variants

Checks every requested meeting once, sessions, forbidden slots, fixed slots, precedences ("meeting i before
meeting j" = i's slot < j's slot), one meeting per participant and per table in a slot, recounts the breaks and
the spread (fairness, --fairness D, default 2), and compares with the published optimum where optima.csv has
one. An "infeasible" answer is listed with its reason; where the reason can be confirmed from the file alone
(a fixed meeting in a forbidden slot, a participant with more meetings than usable slots, a precedence
cycle) the script confirms it. Exit status 1 when any schedule breaks a rule or a printed figure is wrong.
"""
import csv, json, re, sys


def parse(path):
    text = re.sub(r'%.*', '', open(path).read())

    def intv(name):
        return int(re.search(r'\b' + name + r'\s*=\s*(-?\d+)\s*;', text).group(1))

    def field(name):
        match = re.search(r'\b' + name + r'\s*=\s*\[(.*?)\]\s*;', text, re.S)
        return match.group(1) if match else None

    rows = [r for r in field('requested').split('|') if r.strip()]
    meetings = [tuple(int(x) for x in r.replace(',', ' ').split()) for r in rows]
    forbidden = [set(int(x) for x in s.replace(',', ' ').split()) - {0}
                 for s in re.findall(r'\{([^}]*)\}', field('forbidden'))]
    fixed_text = field('fixed')
    fixed = [int(x) for x in fixed_text.replace(',', ' ').split()] if fixed_text is not None else [0] * len(meetings)
    prec_text = field('precedences')
    precedences = ([[int(x) for x in s.replace(',', ' ').split()] for s in re.findall(r'\{([^}]*)\}', prec_text)]
                   if prec_text is not None else [[] for _ in meetings])
    inst = dict(n=intv('nBusiness'), m=intv('nMeetings'), tables=intv('nTables'), slots=intv('nTotalSlots'),
                morning=intv('nMorningSlots'), meetings=meetings, forbidden=forbidden, fixed=fixed,
                precedences=precedences)
    assert len(meetings) == inst['m'] and len(forbidden) == inst['n'], f"{path}: sizes do not match the header"
    assert len(fixed) == inst['m'] and len(precedences) == inst['m'], f"{path}: fixed/precedences do not match nMeetings"
    return inst


def allowed(inst, k, t):
    a, b, s = inst['meetings'][k]
    if s == 1 and t > inst['morning']: return False
    if s == 2 and t <= inst['morning']: return False
    if t in inst['forbidden'][a - 1] or t in inst['forbidden'][b - 1]: return False
    return inst['fixed'][k] in (0, t)


def confirm_infeasible(inst):
    """A reason visible without search, or None."""
    for k, t in enumerate(inst['fixed']):
        if t and not allowed(inst, k, t):
            return f"meeting {k + 1} is fixed at slot {t}, which its session or a participant forbids"
    for p in range(1, inst['n'] + 1):
        mine = [k for k, (a, b, _) in enumerate(inst['meetings']) if p in (a, b)]
        usable = {t for k in mine for t in range(1, inst['slots'] + 1) if allowed(inst, k, t)}
        if len(mine) > len(usable):
            return f"participant {p} has {len(mine)} meetings and {len(usable)} usable slots"
    after = {k: [j for j in range(inst['m']) if k + 1 in inst['precedences'][j]] for k in range(inst['m'])}
    state = {}
    def cyclic(k):
        state[k] = 1
        for j in after[k]:
            if state.get(j) == 1 or (j not in state and cyclic(j)): return True
        state[k] = 2
        return False
    sys.setrecursionlimit(10000)
    if any(k not in state and cyclic(k) for k in range(inst['m'])):
        return "the precedences contain a cycle"
    return None


def main():
    args = [a for a in sys.argv[1:] if not a.startswith('--')]
    fairness = int(sys.argv[sys.argv.index('--fairness') + 1]) if '--fairness' in sys.argv else 2
    if '--fairness' in sys.argv: args.remove(str(fairness))
    optima = {r['instance']: int(r['optimum_breaks_d2']) for r in csv.DictReader(open(args[0]))} if fairness == 2 else {}
    folder = args[1]
    counts = dict(lines=0, checked=0, at_optimum=0, infeasible=0, confirmed=0, no_schedule=0, wrong=0)
    for line in sys.stdin:
        out = json.loads(line)
        counts['lines'] += 1
        name = out['instance']
        inst = parse(f"{folder}/{name}.dzn")
        if out['status'] == 'infeasible':
            counts['infeasible'] += 1
            seen = confirm_infeasible(inst)
            if seen: counts['confirmed'] += 1
            print(f"{name}: infeasible, reason: {out.get('reason', '(none given)')}"
                  + (f" -> confirmed here: {seen}" if seen else " -> needs search, not confirmed here"))
            continue
        if out['status'] not in ('optimal', 'feasible'):
            counts['no_schedule'] += 1
            print(f"{name}: {out['status']} (no schedule)")
            continue
        problems = []
        need = {}
        for k, (a, b, s) in enumerate(inst['meetings']):
            need.setdefault(frozenset((a, b)), []).append(k)
        got = out['meetings']
        if len(got) != inst['m']: problems.append(f"{len(got)} meetings, need {inst['m']}")
        busy = {}; tables = {}; slot_of = {}
        for g in got:
            a, b, t, tb = g['a'], g['b'], g['slot'], g['table']
            key = frozenset((a, b))
            if key not in need or not need[key]: problems.append(f"unrequested or duplicate {a}-{b}"); continue
            k = need[key].pop(0)
            slot_of[k] = t
            s = inst['meetings'][k][2]
            if not 1 <= t <= inst['slots']: problems.append(f"slot {t}")
            if s == 1 and t > inst['morning']: problems.append(f"{a}-{b} morning only, at {t}")
            if s == 2 and t <= inst['morning']: problems.append(f"{a}-{b} afternoon only, at {t}")
            if inst['fixed'][k] and inst['fixed'][k] != t: problems.append(f"meeting {k + 1} fixed at {inst['fixed'][k]}, at {t}")
            for p in (a, b):
                if t in inst['forbidden'][p - 1]: problems.append(f"{p} forbidden at {t}")
                if (p, t) in busy: problems.append(f"{p} twice at {t}")
                busy[(p, t)] = 1
            if not 1 <= tb <= inst['tables']: problems.append(f"table {tb}")
            if (t, tb) in tables: problems.append(f"table {tb} twice at {t}")
            tables[(t, tb)] = 1
        for j, before in enumerate(inst['precedences']):
            for i in before:
                if i - 1 in slot_of and j in slot_of and not slot_of[i - 1] < slot_of[j]:
                    problems.append(f"meeting {i} at {slot_of[i - 1]} not before meeting {j + 1} at {slot_of[j]}")
        breaks = []
        for p in range(1, inst['n'] + 1):
            ts = sorted(t for (q, t) in busy if q == p)
            breaks.append(sum(1 for x, y in zip(ts, ts[1:]) if y != x + 1))
        total = sum(breaks); spread = max(breaks) - min(breaks)
        if spread > fairness: problems.append(f"spread {spread}")
        if total != out['breaks']: problems.append(f"breaks recount {total} != printed {out['breaks']}")
        known = optima.get(name)
        if known is not None and out['status'] == 'optimal' and total != known:
            problems.append(f"claims optimal at {total}, published optimum {known}")
        if problems:
            counts['wrong'] += 1
            print(f"{name}: {out['status']} breaks {total} spread {spread} -> WRONG: {problems[:5]}")
            continue
        counts['checked'] += 1
        at = known is not None and total == known and out['status'] == 'optimal'
        if at: counts['at_optimum'] += 1
        tail = f"at the published optimum {known}" if at else (f"published optimum {known}" if known is not None else "no published optimum")
        print(f"{name}: {out['status']} breaks {total} spread {spread} -> schedule OK, {tail}")
    print(f"{counts['lines']} answers: {counts['checked']} schedules pass every check "
          f"({counts['at_optimum']} at a published optimum), {counts['infeasible']} infeasible "
          f"({counts['confirmed']} confirmed from the file alone), {counts['no_schedule']} without a schedule, "
          f"{counts['wrong']} wrong")
    sys.exit(1 if counts['wrong'] else 0)


main()
