using Matchmaker.Model.Grains;

namespace Matchmaker.Model.Ranking;

/// <summary>
/// Changes gathered since the last table was built, merged: the next rebuild re-reads these participants and
/// rescores what they touch. Profiles are named because a table cannot tell an edited profile from an unchanged
/// one cheaply; pair signals it compares itself.
/// </summary>
public sealed class MatchChanges
{
    public bool Everything { get; private set; }

    /// <summary>Startups whose profile or requests may have changed.</summary>
    public HashSet<string> Startups { get; } = new(StringComparer.Ordinal);

    /// <summary>Delegates whose profile or feedback may have changed.</summary>
    public HashSet<string> Delegates { get; } = new(StringComparer.Ordinal);

    /// <summary>Pairs whose request or feedback may have changed (held by the startup and the delegate).</summary>
    public HashSet<(string DelegateId, string StartupId)> Pairs { get; } = [];

    public bool IsEmpty => !Everything && Startups.Count == 0 && Delegates.Count == 0 && Pairs.Count == 0;

    public static MatchChanges All()
    {
        var all = new MatchChanges();
        all.Add(MatchChange.Everything);
        return all;
    }

    public void Add(MatchChange change)
    {
        switch (change.Kind)
        {
            case MatchChangeKind.Startup: Startups.Add(change.StartupId!); break;
            case MatchChangeKind.Delegate: Delegates.Add(change.DelegateId!); break;
            case MatchChangeKind.Pair: Pairs.Add((change.DelegateId!, change.StartupId!)); break;
            default: Everything = true; break;
        }
    }

    /// <summary>Folds later changes into these (a failed rebuild hands its changes back to the next one).</summary>
    public void Add(MatchChanges later)
    {
        Everything |= later.Everything;
        Startups.UnionWith(later.Startups);
        Delegates.UnionWith(later.Delegates);
        Pairs.UnionWith(later.Pairs);
    }

    /// <summary>Startups to re-read: named ones and those of changed pairs.</summary>
    public IEnumerable<string> StartupsToRead() => Startups.Concat(Pairs.Select(p => p.StartupId)).Distinct(StringComparer.Ordinal);

    /// <summary>Delegates to re-read: named ones and those of changed pairs.</summary>
    public IEnumerable<string> DelegatesToRead() => Delegates.Concat(Pairs.Select(p => p.DelegateId)).Distinct(StringComparer.Ordinal);
}
