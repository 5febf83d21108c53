using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Ranking;

/// <summary>
/// Event participants as the ranking sees them, with what each has shown it wants so far at this event:
/// a delegate's history is the startups it invited or whose request it accepted, a startup's partner
/// history the delegates it asked or whose invitation it accepted. One implementation for the match
/// table, retraining and the simulation, so a taste learned at the event means the same everywhere.
/// </summary>
public static class EventViews
{
    /// <summary>The delegate wanted this startup: it invited it, accepted its request, or rated their meeting 4/5 or more.</summary>
    public static bool DelegateWants(PairSignals s) =>
        s.DelegateInvited || (s.StartupRequested && s.Accepted && !s.Declined) || s.Rating >= 4;

    /// <summary>The startup wanted this delegate: it asked, or accepted the delegate's invitation.</summary>
    public static bool StartupWants(PairSignals s) =>
        s.StartupRequested || (s.DelegateInvited && s.Accepted && !s.Declined);

    public static PastTarget Target(StartupProfile startup, DateOnly asOf) =>
        new(startup.Sectors, new Place(startup.Country, null, startup.City), startup.Stage,
            startup.FoundedYear is { } year ? Math.Max(0, asOf.Year - year) : null, startup.FundingUsd);

    public static PastTarget Partner(DelegateProfile @delegate) =>
        new([@delegate.CompanySector], new Place(@delegate.CompanyCountry, null, @delegate.CompanyCity));

    /// <summary>Every delegate with its event history; <paramref name="except"/> leaves one pair out (retraining's rows).</summary>
    public static CorporateView Corporate(EventDelegate @delegate, IReadOnlyDictionary<string, StartupProfile> startups,
        IEnumerable<EventSignal> signalsOfDelegate, DateOnly asOf, string? exceptStartup = null)
    {
        var history = signalsOfDelegate
            .Where(s => s.StartupId != exceptStartup && DelegateWants(s.Signals) && startups.ContainsKey(s.StartupId))
            .Select(s => Target(startups[s.StartupId], asOf)).ToList();
        return CorporateView.FromDelegate(@delegate.Id, @delegate.Profile, asOf, history);
    }

    public static CandidateView Candidate(EventStartup startup, IReadOnlyDictionary<string, DelegateProfile> delegates,
        IEnumerable<EventSignal> signalsOfStartup, string? exceptDelegate = null)
    {
        var partners = signalsOfStartup
            .Where(s => s.DelegateId != exceptDelegate && StartupWants(s.Signals) && delegates.ContainsKey(s.DelegateId))
            .Select(s => Partner(delegates[s.DelegateId])).ToList();
        return CandidateView.FromStartup(startup.Id, startup.Profile) with { Partners = partners };
    }

    /// <summary>All delegates and startups of an event as views, in input order.</summary>
    public static (List<CorporateView> Corporates, List<CandidateView> Candidates) All(IReadOnlyList<EventDelegate> delegates,
        IReadOnlyList<EventStartup> startups, IReadOnlyList<EventSignal> signals, DateOnly asOf)
    {
        var startupProfiles = startups.ToDictionary(s => s.Id, s => s.Profile, StringComparer.Ordinal);
        var delegateProfiles = delegates.ToDictionary(d => d.Id, d => d.Profile, StringComparer.Ordinal);
        var byDelegate = signals.ToLookup(s => s.DelegateId, StringComparer.Ordinal);
        var byStartup = signals.ToLookup(s => s.StartupId, StringComparer.Ordinal);
        return ([.. delegates.Select(d => Corporate(d, startupProfiles, byDelegate[d.Id], asOf))],
            [.. startups.Select(s => Candidate(s, delegateProfiles, byStartup[s.Id]))]);
    }
}
