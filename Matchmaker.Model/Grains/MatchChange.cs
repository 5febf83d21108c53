namespace Matchmaker.Model.Grains;

/// <summary>What a write changed that a match table is computed from.</summary>
public enum MatchChangeKind
{
    /// <summary>One startup's profile (registration, edit, removal) and the requests it holds.</summary>
    Startup,
    /// <summary>One delegate's profile and the feedback it holds.</summary>
    Delegate,
    /// <summary>What happened between one delegate and one startup: a request, an answer, feedback.</summary>
    Pair,
    /// <summary>Anything else (an import, a deletion, a new model): the table is built afresh.</summary>
    Everything,
}

/// <summary>
/// One change named by the write that made it, so the match table rescores only what it touches:
/// a startup's row, a delegate's column, a pair's two lists.
/// </summary>
[GenerateSerializer, Immutable, Alias("matchmaker.match-change")]
public sealed record MatchChange(
    [property: Id(0)] MatchChangeKind Kind,
    [property: Id(1)] string? StartupId = null,
    [property: Id(2)] string? DelegateId = null)
{
    public static readonly MatchChange Everything = new(MatchChangeKind.Everything);

    public static MatchChange OfStartup(string startupId) => new(MatchChangeKind.Startup, StartupId: startupId);

    public static MatchChange OfDelegate(string delegateId) => new(MatchChangeKind.Delegate, DelegateId: delegateId);

    public static MatchChange OfPair(string delegateId, string startupId) => new(MatchChangeKind.Pair, startupId, delegateId);
}
