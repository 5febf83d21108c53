#!/usr/bin/env python3
"""Blind planted-taste generator: Crunchbase-2013-format data whose corporate tastes are known.

Written independently of the project's own planted generator, so the ranking model can be checked on
data it was not tuned on. Vocabularies (category codes, US places and their popularity) come from the
real export in data/crunchbase-2013; everything else is synthetic.

    python3 tools/blind_planted.py --seed 3 --out /tmp/blind          # one folder
    python3 tools/blind_planted.py --seeds 0-9 --out /tmp/blind       # /tmp/blind/blind-0 ... blind-9

Each folder: companies.csv, acquisitions.csv (export headers), oracle.csv (corporate,candidate,score:
planted taste as of the split date), tastes.json (the planted parameters, for humans).
Standard library only; deterministic per seed (one random.Random, lists and sorted keys only).
"""
import argparse, bisect, csv, datetime as dt, itertools, json, math, os, random, sys, time
from collections import Counter

COMPANY_HEADER = ("permalink,name,category_code,funding_total_usd,status,country_code,state_code,region,city,"
                  "funding_rounds,founded_at,founded_month,founded_quarter,founded_year,first_funding_at,"
                  "last_funding_at,last_milestone_at").split(",")
ACQ_HEADER = ("company_permalink,company_name,company_category_code,company_country_code,company_state_code,"
              "company_region,company_city,acquirer_permalink,acquirer_name,acquirer_category_code,"
              "acquirer_country_code,acquirer_state_code,acquirer_region,acquirer_city,acquired_at,acquired_month,"
              "acquired_quarter,acquired_year,price_amount,price_currency_code").split(",")
SPLIT = dt.date(2011, 1, 1)
END = dt.date(2013, 10, 31)      # the export is from October 2013: nothing happens after it
FIRST_YEAR = 2002
# Deal volume by year (relative): thin early 2000s, a 2008-09 dip, a 2011 peak; 2013 is cut at END.
MARKET = {2002: .30, 2003: .35, 2004: .45, 2005: .60, 2006: .75, 2007: .90, 2008: 1.0,
          2009: .85, 2010: 1.1, 2011: 1.2, 2012: 1.1, 2013: 1.0}
# Capital-intensive sectors raise more money per round.
HEAVY = {"biotech": 3.0, "cleantech": 3.0, "semiconductor": 2.5, "medical": 2.0, "hardware": 1.5}
SYLL = ["ar", "bo", "ca", "dri", "el", "fen", "gal", "hex", "io", "jun", "ka", "lum", "mo", "nex", "or",
        "pix", "qua", "ro", "sy", "tal", "ur", "vo", "wen", "xa", "yel", "zen", "ve", "ti", "la", "mi"]


def load_vocab(real_dir):
    """Real category popularity (startups and acquirers) and real places ranked by popularity."""
    cats, places = Counter(), Counter()
    with open(os.path.join(real_dir, "companies.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["category_code"]:
                cats[r["category_code"]] += 1
            if r["country_code"] and r["region"] and r["city"]:
                places[(r["country_code"], r["state_code"], r["region"], r["city"])] += 1
    acq_cats = Counter()
    with open(os.path.join(real_dir, "acquisitions.csv"), encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            if r["acquirer_permalink"] and r["acquirer_category_code"]:
                acq_cats[r["acquirer_category_code"]] += 1
    # Sort by (-count, key) so ties never depend on file or hash order.
    rank = lambda c: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
    return rank(cats), rank(acq_cats), rank(places)


class Pick:
    """Weighted choice over a fixed list, by bisection on cumulative weights."""
    def __init__(self, items, weights):
        self.items, self.cum = list(items), list(itertools.accumulate(weights))
    def __call__(self, rng):
        return self.items[min(bisect.bisect_right(self.cum, rng.random() * self.cum[-1]), len(self.items) - 1)]


def poisson(rng, lam):
    k, p, limit = 0, 1.0, math.exp(-lam)      # Knuth: fine for the small rates used here
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def rand_date(rng, lo, hi):
    return dt.date.fromordinal(rng.randint(lo.toordinal(), max(lo.toordinal(), hi.toordinal())))


def make_namer(rng):
    used = {}
    def name(suffixes):
        while True:
            word = "".join(rng.choice(SYLL) for _ in range(rng.choice((2, 2, 3)))).capitalize()
            full = word + rng.choice(suffixes)
            if full.lower() not in used:
                used[full.lower()] = True
                return full
    return name


def make_startups(rng, n, cats, places, namer):
    """Startups: real sector mix, 88% in the top-50 places and 12% in the real long tail."""
    pick_cat = Pick([c for c, _ in cats], [w for _, w in cats])
    pick_top = Pick(range(50), [w for _, w in places[:50]])
    pick_tail = Pick(range(50, 300), [w for _, w in places[50:300]])
    # Founding years follow the real export's shape: few before 1995, rising to a 2011 peak.
    years = list(range(1985, 2014))
    year_w = [20, 25, 25, 25, 20, 25, 30, 45, 40, 70, 100, 120, 160, 220, 400, 450, 350, 420, 480, 590,
              740, 920, 1150, 1110, 1270, 1530, 1740, 1200, 400]
    pick_year = Pick(years, year_w)
    out = []
    for i in range(n):
        cat = None if rng.random() < 0.02 else pick_cat(rng)
        place = pick_top(rng) if rng.random() < 0.88 else pick_tail(rng)
        y = pick_year(rng)
        founded = rand_date(rng, dt.date(y, 1, 1), min(dt.date(y, 12, 31), END - dt.timedelta(days=60)))
        s = dict(i=i, name=namer(["", "", " Labs", " Inc", ".io", " Systems", " Health", " Media"]),
                 cat=cat, place=place, founded=founded,
                 year=y if rng.random() < 0.78 else None,    # ~22% unknown founding year, as in the export
                 funding=None, rounds=None, first=None, last=None)
        # ~80% raise money (the export over-represents funded companies); first round after a lag.
        if rng.random() < 0.80:
            first = founded + dt.timedelta(days=30 + int(rng.expovariate(1 / 430)))
            if first <= END:
                rounds = min(1 + int(rng.expovariate(0.75)), 9)
                last = first
                for _ in range(rounds - 1):
                    last += dt.timedelta(days=90 + int(rng.expovariate(1 / 330)))
                last = min(last, END)
                total = math.exp(rng.gauss(math.log(1.0e6), 1.45)) * rounds ** 1.4 * HEAVY.get(cat, 1.0)
                s.update(funding=round(total, -3) or 1000.0, rounds=rounds, first=first, last=last)
        out.append(s)
    return out


def make_corporates(rng, n, cats, acq_cats, places, namer):
    """Corporates with planted tastes; the recipe is described in tastes.json and the report."""
    all_cats = [c for c, _ in cats]
    pick_own = Pick([c for c, _ in acq_cats], [w for _, w in acq_cats])
    pick_home = Pick(range(50), [w for _, w in places[:50]])
    regions = sorted({p[2] for p, _ in places[:50]})
    out = []
    for j in range(n):
        own = pick_own(rng)
        k = rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
        favs = [own] if rng.random() < 0.7 else []
        # Other favourites lean to popular sectors but niche tastes exist (popularity^0.5).
        pool = Pick(all_cats, [w ** 0.5 for _, w in cats])
        while len(favs) < k:
            c = pool(rng)
            if c not in favs:
                favs.append(c)
        raw = [rng.gammavariate(1.5, 1.0) for _ in favs]
        if favs[0] == own:
            raw[0] = max(raw) * rng.uniform(1.0, 1.5)   # its own sector usually leads
        top = max(raw)
        home = pick_home(rng)
        nationwide = rng.random() < 0.2
        second = rng.choice([r for r in regions if r != places[home][0][2]]) if rng.random() < 0.3 else None
        agnostic = rng.random() < 0.15
        lo = rng.uniform(5.0, 7.3)
        c = dict(j=j, name=namer([" Corp", " Group", " Technologies", " Holdings", " Networks", ""]),
                 cat=own, home=home, founded=rng.randint(1960, 2001),
                 sectors={f: round(w / top, 4) for f, w in zip(favs, raw)},
                 base=math.exp(rng.uniform(math.log(0.01), math.log(0.08))),    # any other sector
                 region_pull=1.0 if nationwide else math.exp(rng.uniform(math.log(1.5), math.log(10))),
                 city_boost=rng.uniform(1.0, 2.5), second_region=second,
                 band=(0.0, 13.0) if agnostic else (lo, lo + rng.uniform(0.7, 2.5)),   # log10 USD
                 band_soft=rng.uniform(0.3, 0.9), unfunded=1.0 if agnostic else rng.uniform(0.15, 0.9),
                 age_peak=math.exp(rng.uniform(math.log(0.7), math.log(8))), age_width=rng.uniform(0.35, 1.0),
                 age_unknown=rng.uniform(0.3, 0.8),
                 rate=math.exp(rng.gauss(math.log(2.4), 0.55)),
                 start=FIRST_YEAR + min(int(rng.expovariate(0.35)), 6))
        c["second_pull"] = 1 + (c["region_pull"] - 1) * 0.4 if second else 1.0
        out.append(c)
    return out


def static_part(c, s, places):
    """Date-independent taste: sector weight times the place pull."""
    w = c["sectors"].get(s["cat"], c["base"])
    here, home = places[s["place"]][0], places[c["home"]][0]
    if here[2] == home[2]:
        w *= c["region_pull"] * (c["city_boost"] if here[3] == home[3] else 1.0)
    elif here[2] == c["second_region"]:
        w *= c["second_pull"]
    return w


def dynamic_part(c, s, day):
    """Taste factors that change with the date, each at most 1 so it can be an acceptance probability."""
    if s["last"] is not None and s["last"] < day:      # funding is public once the last round is past
        x, (lo, hi) = math.log10(s["funding"]), c["band"]
        d = lo - x if x < lo else x - hi if x > hi else 0.0
        f = max(math.exp(-0.5 * (d / c["band_soft"]) ** 2), 0.01)   # soft edges down to a floor
    else:
        f = c["unfunded"]
    if s["year"] is None:
        a = c["age_unknown"]
    else:
        age = max(0, day.year - s["year"])
        z = (math.log1p(age) - math.log1p(c["age_peak"])) / c["age_width"]
        a = max(math.exp(-0.5 * z * z), 0.01)
    return f * a


def simulate(rng, corps, startups, places):
    """Acquisitions in date order; each draws one available startup exactly in proportion to taste."""
    events = []
    for c in corps:
        for y in range(c["start"], 2014):
            busy = math.exp(rng.gauss(0, 0.35))         # some years a corporate is hungrier than others
            share = (END - dt.date(2013, 1, 1)).days / 365 if y == 2013 else 1.0
            for _ in range(poisson(rng, c["rate"] * MARKET[y] * busy * share)):
                events.append((rand_date(rng, dt.date(y, 1, 1), min(dt.date(y, 12, 31), END)), c["j"]))
    events.sort()
    statics = [[static_part(c, s, places) for s in startups] for c in corps]
    cums = [list(itertools.accumulate(w)) for w in statics]
    taken, deals = [False] * len(startups), []
    for day, j in events:
        c, cum, n = corps[j], cums[j], len(startups)
        ok = lambda s: not taken[s["i"]] and s["founded"] < day
        chosen = None
        # Rejection sampling: propose by the static part, accept with the dynamic part (<= 1); unavailable
        # proposals are rejected too. Exact for taste x availability; after many misses, do it exhaustively.
        for _ in range(4000):
            s = startups[min(bisect.bisect_right(cum, rng.random() * cum[-1]), n - 1)]
            if ok(s) and rng.random() < dynamic_part(c, s, day):
                chosen = s
                break
        if chosen is None:
            avail = [s for s in startups if ok(s)]
            if not avail:
                continue
            chosen = Pick(avail, [statics[j][s["i"]] * dynamic_part(c, s, day) for s in avail])(rng)
        taken[chosen["i"]] = True
        deals.append((day, j, chosen["i"]))
    return deals, statics


def place_cols(places, p):
    return list(places[p][0])


def write(out, seed, corps, startups, deals, statics, places, rng):
    os.makedirs(out, exist_ok=True)
    sid = lambda s: f"/company/blind-{seed}-s{s['i']}"
    cid = lambda c: f"/company/blind-{seed}-c{c['j']}"
    acquired = {i: (day, j) for day, j, i in deals}
    with open(os.path.join(out, "companies.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(COMPANY_HEADER)
        for c in corps:
            y = c["founded"]
            w.writerow([cid(c), c["name"], c["cat"], "", "ipo" if rng.random() < 0.5 else "operating",
                        *place_cols(places, c["home"]), "", f"{y}-01-01", f"{y}-01", f"{y}-Q1", y, "", "", ""])
        for s in startups:
            fd = s["founded"] if rng.random() < 0.6 else s["founded"].replace(month=1, day=1)
            known = s["year"] is not None
            status = "acquired" if s["i"] in acquired else "closed" if rng.random() < 0.04 else "operating"
            milestone = rand_date(rng, s["founded"], END).isoformat() if rng.random() < 0.3 else ""
            w.writerow([sid(s), s["name"], s["cat"] or "",
                        "" if s["funding"] is None else f"{s['funding']:.0f}", status,
                        *place_cols(places, s["place"]), s["rounds"] or "",
                        fd.isoformat() if known else "", fd.strftime("%Y-%m") if known else "",
                        f"{fd.year}-Q{(fd.month - 1) // 3 + 1}" if known else "", s["year"] or "",
                        s["first"].isoformat() if s["first"] else "", s["last"].isoformat() if s["last"] else "",
                        milestone])
    with open(os.path.join(out, "acquisitions.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(ACQ_HEADER)
        for day, j, i in deals:
            s, c = startups[i], corps[j]
            # About 30% of real deals disclose a price; a multiple of funding raised, or a small flat deal.
            price = ""
            if rng.random() < 0.3:
                basis = s["funding"] if s["funding"] and s["last"] < day else 5e6
                price = f"{round(basis * math.exp(rng.gauss(1.0, 0.9)), -5) or 1e5:.0f}"
            w.writerow([sid(s), s["name"], s["cat"] or "", *place_cols(places, s["place"]),
                        cid(c), c["name"], c["cat"], *place_cols(places, c["home"]),
                        day.isoformat(), day.strftime("%Y-%m"), f"{day.year}-Q{(day.month - 1) // 3 + 1}",
                        day.year, price, "USD"])
    before = Counter(j for day, j, _ in deals if day < SPLIT)
    qualified = [c for c in corps if before[c["j"]] >= 5]
    test = sorted(i for day, _, i in deals if day >= SPLIT)
    with open(os.path.join(out, "oracle.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["corporate", "candidate", "score"])
        for c in qualified:
            for i in test:
                w.writerow([cid(c), sid(startups[i]), repr(statics[c["j"]][i] * dynamic_part(c, startups[i], SPLIT))])
    after = Counter(j for day, j, _ in deals if day >= SPLIT)
    tastes = {"seed": seed, "split": SPLIT.isoformat(), "startups": len(startups), "market_by_year": MARKET,
              "taste": "sector weight (favourite, else base) x place pull (home region, x city boost; second region)"
                       " x funding band factor (log10 USD, Gaussian soft edges, floor 0.01; 'unfunded' if not yet"
                       " public) x age factor (log-normal in 1+age around age_peak; 'age_unknown' if no year)",
              "corporates": [{"permalink": cid(c), "name": c["name"], "category": c["cat"],
                              "home": places[c["home"]][0], "sectors": c["sectors"], "base": c["base"],
                              "region_pull": c["region_pull"], "city_boost": c["city_boost"],
                              "second_region": c["second_region"], "second_pull": c["second_pull"],
                              "funding_band_usd": [10 ** c["band"][0], 10 ** c["band"][1]], "band_soft_decades": c["band_soft"],
                              "unfunded": c["unfunded"], "age_peak_years": c["age_peak"], "age_width": c["age_width"],
                              "age_unknown": c["age_unknown"], "deals_per_year": c["rate"], "first_year": c["start"],
                              "acquisitions_before_split": before[c["j"]], "acquisitions_after_split": after[c["j"]]}
                             for c in corps]}
    with open(os.path.join(out, "tastes.json"), "w", encoding="utf-8") as f:
        json.dump(tastes, f, indent=1, sort_keys=True)
    return len(qualified), len(test), sum(1 for c in corps if before[c["j"]] >= 5 and after[c["j"]] >= 1)


def generate(seed, out, vocab):
    t0 = time.time()
    cats, acq_cats, places = vocab
    rng = random.Random(seed)
    namer = make_namer(rng)
    # Size varies by seed within the brief's range, so seeds differ in density, not only in noise.
    corps = make_corporates(rng, rng.randint(65, 95), cats, acq_cats, places, namer)
    startups = make_startups(rng, rng.randint(7000, 10000), cats, places, namer)
    deals, statics = simulate(rng, corps, startups, places)
    q, t, both = write(out, seed, corps, startups, deals, statics, places, rng)
    print(f"seed {seed}: {len(corps)} corporates, {len(startups)} startups, {len(deals)} acquisitions "
          f"({sum(d < SPLIT for d, _, _ in deals)} before {SPLIT}); {q} corporates with >=5 before "
          f"({both} also with >=1 after), {t} test targets, oracle {q * t} rows; {time.time() - t0:.1f}s -> {out}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--seed", type=int)
    g.add_argument("--seeds", help="range like 0-9 (writes OUT/blind-N for each)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--real", default=os.path.join(here, "..", "data", "crunchbase-2013"),
                    help="real export folder the vocabularies are taken from")
    a = ap.parse_args()
    vocab = load_vocab(a.real)
    if a.seed is not None:
        generate(a.seed, a.out, vocab)
    else:
        lo, _, hi = a.seeds.partition("-")
        for seed in range(int(lo), int(hi or lo) + 1):
            generate(seed, os.path.join(a.out, f"blind-{seed}"), vocab)


if __name__ == "__main__":
    sys.exit(main())
