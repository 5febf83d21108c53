using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Ranking;

/// <summary>
/// Which delegate–startup pairs of a large event are worth scoring at all, chosen before scoring from a sector index:
/// every pair with a signal (a request, an invitation, feedback), and for each participant the counterparts that share
/// a sector with it (a startup's sectors against a delegate's company sector and interests), the most shared sectors
/// first, at most <c>perParticipant</c> of them. A pair is a candidate when either side chose it, so every participant
/// keeps up to its cap and a popular one gets more. A participant sharing no sector with anyone has only its signalled
/// pairs: the sector filter of the matches endpoint shows it nothing else either.
/// </summary>
/// <remarks>
/// Ties in the number of shared sectors are broken by a fixed mix of the two ids, not by input order: otherwise every
/// delegate at its cap would pick the same first startups of a sector. The same ids give the same candidates in any
/// order of input.
/// </remarks>
public static class MatchCandidates
{
    /// <summary>
    /// For each delegate (in input order) the indexes of its candidate startups, ascending. With
    /// <paramref name="perParticipant"/> 0 every pair is a candidate (the dense table's set).
    /// </summary>
    public static int[][] ForDelegates(IReadOnlyList<EventDelegate> delegates, IReadOnlyList<EventStartup> startups,
        IReadOnlyList<EventSignal> signals, int perParticipant)
    {
        var lists = new List<int>[delegates.Count];
        if (perParticipant <= 0)
        {
            var all = Enumerable.Range(0, startups.Count).ToArray();
            return [.. delegates.Select(_ => all)];
        }

        var delegateSectors = delegates.Select(d => SectorsOf(d.Profile)).ToArray();
        var startupSectors = startups.Select(s => s.Profile.Sectors.Distinct(StringComparer.Ordinal).ToArray()).ToArray();
        var delegateHash = delegates.Select(d => Hash(d.Id)).ToArray();
        var startupHash = startups.Select(s => Hash(s.Id)).ToArray();
        for (var d = 0; d < delegates.Count; d++) lists[d] = [];

        // Delegates choose startups.
        var startupsBySector = Index(startupSectors);
        var counts = new int[startups.Count];
        var touched = new List<int>();
        for (var d = 0; d < delegates.Count; d++)
        {
            foreach (var s in Best(delegateSectors[d], startupsBySector, counts, touched, perParticipant, s => Mix(delegateHash[d], startupHash[s])))
                lists[d].Add(s);
        }

        // Startups choose delegates.
        var delegatesBySector = Index(delegateSectors);
        counts = new int[delegates.Count];
        for (var s = 0; s < startups.Count; s++)
        {
            foreach (var d in Best(startupSectors[s], delegatesBySector, counts, touched, perParticipant, d => Mix(delegateHash[d], startupHash[s])))
                lists[d].Add(s);
        }

        // Every signalled pair, whatever its sectors.
        var delegateIndex = Positions(delegates.Select(d => d.Id));
        var startupIndex = Positions(startups.Select(s => s.Id));
        foreach (var signal in signals)
            if (delegateIndex.TryGetValue(signal.DelegateId, out var d) && startupIndex.TryGetValue(signal.StartupId, out var s))
                lists[d].Add(s);

        return [.. lists.Select(list =>
        {
            list.Sort();
            var unique = new List<int>(list.Count);
            foreach (var s in list)
                if (unique.Count == 0 || unique[^1] != s) unique.Add(s);
            return unique.ToArray();
        })];
    }

    /// <summary>A delegate's sectors as candidate generation reads them: its company's sector and its interests.</summary>
    public static string[] SectorsOf(DelegateProfile profile) =>
        [.. new[] { profile.CompanySector }.Concat(profile.Interests).Where(s => !string.IsNullOrEmpty(s)).Distinct(StringComparer.Ordinal)!];

    /// <summary>The counterparts sharing a sector, most shared first, then by the pair's mix; at most <paramref name="cap"/>.</summary>
    private static IEnumerable<int> Best(string[] sectors, Dictionary<string, List<int>> bySector, int[] counts, List<int> touched, int cap, Func<int, uint> mix)
    {
        touched.Clear();
        foreach (var sector in sectors)
            if (bySector.TryGetValue(sector, out var others))
                foreach (var other in others)
                    if (counts[other]++ == 0) touched.Add(other);
        int[] chosen;
        if (touched.Count <= cap) chosen = [.. touched];
        else
        {
            var keys = touched.Select(o => ((long)(int.MaxValue - counts[o]) << 32) | mix(o)).ToArray();
            var order = touched.ToArray();
            Array.Sort(keys, order);
            chosen = order[..cap];
        }
        foreach (var other in touched) counts[other] = 0;
        return chosen;
    }

    private static Dictionary<string, List<int>> Index(string[][] sectorsOf)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < sectorsOf.Length; i++)
            foreach (var sector in sectorsOf[i])
            {
                if (!index.TryGetValue(sector, out var list)) index[sector] = list = [];
                list.Add(i);
            }
        return index;
    }

    private static Dictionary<string, int> Positions(IEnumerable<string> ids)
    {
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids) positions.TryAdd(id, positions.Count);
        return positions;
    }

    /// <summary>FNV-1a of the id: stable across processes, unlike string.GetHashCode.</summary>
    private static uint Hash(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id) hash = (hash ^ c) * 16777619u;
        return hash;
    }

    /// <summary>A fixed mix of two ids' hashes (murmur's finaliser), uniform enough to spread ties.</summary>
    private static uint Mix(uint a, uint b)
    {
        var h = a * 0x9E3779B1u ^ b;
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}
