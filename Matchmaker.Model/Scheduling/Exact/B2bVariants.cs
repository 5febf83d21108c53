namespace Matchmaker.Model.Scheduling.Exact;

/// <summary>The three ways Bofill et al. (JAIR 74, 2022, § 7.4) modify a real instance.</summary>
public enum VariantFamily
{
    /// <summary>The instance's forbidden slots removed, then each (participant, slot) forbidden with probability α.</summary>
    Forbidden,
    /// <summary>β of the meetings fixed to a random slot both participants can attend.</summary>
    Fixed,
    /// <summary>"Meeting i before meeting j" between meetings of one participant, for a share γ of them.</summary>
    Precedences,
}

/// <summary>One variant to generate: a family and its density (0.003 = 0.3 %).</summary>
public sealed record VariantRecipe(VariantFamily Family, double Density)
{
    /// <summary>The suffix of the variant's name: <c>forb003</c>, <c>fixed020</c>, <c>prec015</c> (density in tenths of a per cent for α, per cent otherwise).</summary>
    public string Suffix => Family switch
    {
        VariantFamily.Forbidden => $"forb{Math.Round(Density * 1000):000}",
        VariantFamily.Fixed => $"fixed{Math.Round(Density * 100):000}",
        _ => $"prec{Math.Round(Density * 100):000}",
    };

    /// <summary>The six recipes of the paper: α 0.3 / 0.7 %, β 20 / 40 %, γ 15 / 25 %.</summary>
    public static IReadOnlyList<VariantRecipe> Paper { get; } =
    [
        new(VariantFamily.Forbidden, 0.003), new(VariantFamily.Forbidden, 0.007),
        new(VariantFamily.Fixed, 0.20), new(VariantFamily.Fixed, 0.40),
        new(VariantFamily.Precedences, 0.15), new(VariantFamily.Precedences, 0.25),
    ];
}

/// <summary>
/// Seeded variants of a B2B instance following the paper's recipe (summarised in docs/benchmarks.md).
/// The same instance, recipe and seed always give the same variant: the random stream is seeded from the
/// variant's name and the seed with a fixed hash (not <see cref="string.GetHashCode()"/>, which changes per
/// process), and <see cref="Random(int)"/> with a seed keeps one algorithm across .NET versions.
/// </summary>
public static class B2bVariants
{
    public static B2bInstance Generate(B2bInstance original, VariantRecipe recipe, int seed = 1)
    {
        var name = $"{original.Name}-{recipe.Suffix}";
        var random = new Random(StableHash($"{name}#{seed}"));
        return recipe.Family switch
        {
            VariantFamily.Forbidden => Forbidden(original, name, recipe.Density, random),
            VariantFamily.Fixed => Fixed(original, name, recipe.Density, random),
            _ => Precedences(original, name, recipe.Density, random),
        };
    }

    /// <summary>All six recipes applied to each instance, in instance order.</summary>
    public static IEnumerable<B2bInstance> All(IEnumerable<B2bInstance> originals, int seed = 1) =>
        originals.SelectMany(original => VariantRecipe.Paper.Select(recipe => Generate(original, recipe, seed)));

    // The densities stay low because a participant that requests as many meetings as there are slots
    // becomes infeasible with a single forbidden slot; that is part of what the family tests.
    private static B2bInstance Forbidden(B2bInstance original, string name, double alpha, Random random)
    {
        var forbidden = new IReadOnlySet<int>[original.Participants];
        for (var p = 0; p < original.Participants; p++)
        {
            var slots = new HashSet<int>();
            for (var t = 1; t <= original.Slots; t++)
                if (random.NextDouble() < alpha) slots.Add(t);
            forbidden[p] = slots;
        }
        return original with { Name = name, Forbidden = forbidden };
    }

    // Each chosen meeting goes to a random slot of its session that neither participant has forbidden nor
    // already holds a fixed meeting in; a meeting with no such slot stays free. Tables are not looked at:
    // too many fixed meetings in one slot is one of the ways these variants become infeasible.
    private static B2bInstance Fixed(B2bInstance original, string name, double beta, Random random)
    {
        var count = (int)Math.Round(beta * original.Meetings.Count);
        var order = Enumerable.Range(0, original.Meetings.Count).ToArray();
        random.Shuffle(order);
        var fixedSlots = new int[original.Meetings.Count];
        var taken = Enumerable.Range(0, original.Participants).Select(_ => new HashSet<int>()).ToArray();
        foreach (var m in order.Take(count))
        {
            var meeting = original.Meetings[m];
            var open = Enumerable.Range(1, original.Slots)
                .Where(t => original.Allows(m, t) && !taken[meeting.A - 1].Contains(t) && !taken[meeting.B - 1].Contains(t))
                .ToArray();
            if (open.Length == 0) continue;
            var slot = open[random.Next(open.Length)];
            fixedSlots[m] = slot;
            taken[meeting.A - 1].Add(slot);
            taken[meeting.B - 1].Add(slot);
        }
        return original with { Name = name, Fixed = fixedSlots };
    }

    // For each participant and each of its meetings j, with probability γ some other meeting i of the same
    // participant must come before j. A rule that would close a cycle with the rules drawn so far is
    // skipped: a cycle is infeasible for a reason that has nothing to do with scheduling (at γ = 100 % every
    // meeting would need one before it), and with cycles allowed 29 of our 40 variants were infeasible
    // where the paper reports 10 of 40, so its variants cannot have had many.
    private static B2bInstance Precedences(B2bInstance original, string name, double gamma, Random random)
    {
        var before = Enumerable.Range(0, original.Meetings.Count).Select(_ => new SortedSet<int>()).ToArray();
        var after = Enumerable.Range(0, original.Meetings.Count).Select(_ => new List<int>()).ToArray();
        var meetingsOf = Enumerable.Range(0, original.Participants).Select(_ => new List<int>()).ToArray();
        for (var m = 0; m < original.Meetings.Count; m++)
        {
            meetingsOf[original.Meetings[m].A - 1].Add(m);
            meetingsOf[original.Meetings[m].B - 1].Add(m);
        }
        foreach (var mine in meetingsOf)
        {
            if (mine.Count < 2) continue;
            foreach (var j in mine)
            {
                if (random.NextDouble() >= gamma) continue;
                var i = mine[random.Next(mine.Count - 1)];
                if (i == j) i = mine[^1];
                if (Reaches(after, j, i)) continue;
                if (before[j].Add(i + 1)) after[i].Add(j);
            }
        }
        return original with { Name = name, Precedences = before.Select(s => (IReadOnlyList<int>)s.ToArray()).ToArray() };
    }

    /// <summary>Whether <paramref name="to"/> must already come after <paramref name="from"/> (a path of rules).</summary>
    private static bool Reaches(List<int>[] after, int from, int to)
    {
        var seen = new HashSet<int> { from };
        var stack = new Stack<int>([from]);
        while (stack.TryPop(out var at))
        {
            if (at == to) return true;
            foreach (var next in after[at])
                if (seen.Add(next)) stack.Push(next);
        }
        return false;
    }

    /// <summary>FNV-1a over the UTF-16 code units: the same number in every process.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash & 0x7fffffff);
    }
}
