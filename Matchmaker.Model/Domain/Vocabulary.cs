namespace Matchmaker.Model.Domain;

/// <summary>The closed lists of values profiles may use, so ranking and filters compare like with like.</summary>
public static class Vocabulary
{
    /// <summary>Sectors: the category codes of the Crunchbase data the default ranking model learned from.</summary>
    public static readonly IReadOnlySet<string> Sectors = new SortedSet<string>(StringComparer.Ordinal)
    {
        "advertising", "analytics", "automotive", "biotech", "cleantech", "consulting", "design", "ecommerce",
        "education", "enterprise", "fashion", "finance", "games_video", "government", "hardware", "health",
        "hospitality", "legal", "local", "manufacturing", "medical", "messaging", "mobile", "music", "nanotech",
        "network_hosting", "news", "nonprofit", "other", "pets", "photo_video", "public_relations", "real_estate",
        "search", "security", "semiconductor", "social", "software", "sports", "transportation", "travel", "web",
    };

    /// <summary>Funding stages, in order of maturity.</summary>
    public static readonly IReadOnlyList<string> Stages = ["idea", "pre-seed", "seed", "series-a", "series-b", "growth"];

    /// <summary>Kinds of engagement a startup seeks and a corporate seeks or offers.</summary>
    public static readonly IReadOnlySet<string> Engagements = new SortedSet<string>(StringComparer.Ordinal)
    {
        "investment", "proof-of-concept", "distribution", "partnership", "acquisition",
    };

    /// <summary>The languages notices and the web app speak: English, the default, and Korean.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "ko"];

    public const string DefaultLanguage = "en";

    public static int StageRank(string stage) => Stages.IndexOf(stage);

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == value) return i;
        return -1;
    }
}
