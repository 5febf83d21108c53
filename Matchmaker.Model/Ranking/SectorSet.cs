using System.Numerics;
using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Ranking;

/// <summary>
/// A set of sectors as a bit mask over <see cref="Vocabulary.Sectors"/>: overlap tests are one AND and a
/// popcount, which keeps pair features cheap enough to score hundreds of thousands of pairs a second.
/// </summary>
public readonly record struct SectorSet(ulong Bits)
{
    /// <summary>The sectors in vocabulary order; a sector's index is its bit.</summary>
    public static readonly IReadOnlyList<string> Names = [.. Vocabulary.Sectors];

    private static readonly Dictionary<string, int> IndexOf =
        Names.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index, StringComparer.Ordinal);

    public static int Count => Names.Count;

    public static SectorSet Empty => default;

    /// <summary>Codes outside the vocabulary are ignored: they cannot match anything we rank on.</summary>
    public static SectorSet Of(IEnumerable<string?> sectors)
    {
        ulong bits = 0;
        foreach (var sector in sectors)
            if (sector is not null && IndexOf.TryGetValue(sector, out var index)) bits |= 1UL << index;
        return new SectorSet(bits);
    }

    public static SectorSet Of(params string?[] sectors) => Of((IEnumerable<string?>)sectors);

    public static int Index(string sector) => IndexOf.TryGetValue(sector, out var index) ? index : -1;

    public bool IsEmpty => Bits == 0;

    public int Size => BitOperations.PopCount(Bits);

    public bool Contains(int index) => (Bits & (1UL << index)) != 0;

    public SectorSet Union(SectorSet other) => new(Bits | other.Bits);

    public SectorSet Intersect(SectorSet other) => new(Bits & other.Bits);

    public double Jaccard(SectorSet other)
    {
        var union = BitOperations.PopCount(Bits | other.Bits);
        return union == 0 ? 0 : (double)BitOperations.PopCount(Bits & other.Bits) / union;
    }

    public IEnumerable<int> Indexes()
    {
        var bits = Bits;
        while (bits != 0)
        {
            yield return BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
    }

    public IEnumerable<string> Sectors() => Indexes().Select(i => Names[i]);

    public override string ToString() => string.Join(",", Sectors());
}
