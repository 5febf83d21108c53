using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Ranking;

namespace Matchmaker.Silo.Grains;

/// <summary>A ranked entry as a matches list shows it, the same from the one table and from a partition.</summary>
public static class MatchViews
{
    public static Match OfStartup(string id, StartupProfile s, EventMatch m) =>
        new(id, s.Name, null, Math.Round(m.Score, 4), m.Reasons, s.Sectors, s.Stage, s.Country);

    public static Match OfDelegate(DelegateProfile d, EventMatch m) =>
        new(m.DelegateId, d.Name, d.Company, Math.Round(m.Score, 4), m.Reasons, d.Interests, null, d.CompanyCountry);
}
