namespace Matchmaker.Model.Ranking;

/// <summary>
/// Ordinal bands of the numeric attributes a taste is learned over. Bands are narrow (half a decade
/// of funding, a year or two of age) and a history item also counts half in each neighbouring band,
/// so a taste centred anywhere between two band edges is still seen as one bump.
/// </summary>
public static class TasteBands
{
    /// <summary>Band 0 = unknown funding; then half-decades of dollars from below $100k to $300M and above.</summary>
    public const int FundingBands = 10;

    /// <summary>Band 0 = unknown founding year; then the age in whole years at the as-of date.</summary>
    public const int AgeBands = 9;

    private static readonly double[] FundingEdges = [5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5];
    private static readonly double[] AgeEdges = [1, 2, 3, 5, 7, 10, 15];

    public static int Funding(double? usd)
    {
        if (usd is not { } value) return 0;
        var log = Math.Log10(1 + Math.Max(0, value));
        var band = 1;
        foreach (var edge in FundingEdges)
            if (log >= edge) band++;
        return band;
    }

    public static int Age(double? years)
    {
        if (years is not { } value) return 0;
        var band = 1;
        foreach (var edge in AgeEdges)
            if (value >= edge) band++;
        return band;
    }

    /// <summary>Adds one observation of a band to a histogram, half a count spilling to each known neighbour.</summary>
    public static void AddSmoothed(double[] histogram, int band, double weight = 1)
    {
        if (band == 0)
        {
            histogram[0] += weight;
            return;
        }
        var left = band > 1 ? 0.5 : 0;
        var right = band < histogram.Length - 1 ? 0.5 : 0;
        var total = 1 + left + right;
        histogram[band] += weight / total;
        if (left > 0) histogram[band - 1] += weight * left / total;
        if (right > 0) histogram[band + 1] += weight * right / total;
    }
}

/// <summary>
/// Empirical-Bayes smoothing of one corporate's taste toward everyone's: a corporate whose history
/// put h of n engagements on a value with pooled share p is given the share (h + αp) / (n + α), and
/// the feature is its lift over p. The prior strength α is estimated from the data (method of
/// moments of a Dirichlet–multinomial): how much more corporates' shares spread than sampling alone
/// would make them. α is small when corporates have sharp, distinct tastes, large when they do not.
/// </summary>
public static class EmpiricalBayes
{
    public const double MinAlpha = 0.1;
    public const double MaxAlpha = 1000;

    /// <param name="histories">Each corporate's weight per value (weights of one corporate sum to its n).</param>
    /// <param name="prior">Pooled share per value (sums to 1 over the values counted).</param>
    public static double Alpha<TKey>(IEnumerable<Dictionary<TKey, double>> histories, Func<TKey, double> prior, double priorSquares) where TKey : notnull
    {
        // Observed spread Σ_c Σ_k (x_ck − p_k)² against its expectation Q Σ_c (n_c + α) / (n_c (1 + α)), Q = 1 − Σ p².
        double observed = 0;
        var sizes = new List<double>();
        foreach (var h in histories)
        {
            var n = h.Values.Sum();
            if (n < 2) continue;
            sizes.Add(n);
            double spread = priorSquares; // Σ_k p_k², corrected below for the values this corporate has
            foreach (var (k, w) in h)
            {
                var p = prior(k);
                var x = w / n;
                spread += (x - p) * (x - p) - p * p;
            }
            observed += spread;
        }
        var q = 1 - priorSquares;
        if (sizes.Count == 0 || q <= 0) return MaxAlpha;
        double Expected(double alpha) => q * sizes.Sum(n => (n + alpha) / (n * (1 + alpha)));
        if (observed >= Expected(MinAlpha)) return MinAlpha;
        if (observed <= Expected(MaxAlpha)) return MaxAlpha;
        double lo = Math.Log(MinAlpha), hi = Math.Log(MaxAlpha);
        for (var i = 0; i < 60; i++)
        {
            var mid = (lo + hi) / 2;
            if (Expected(Math.Exp(mid)) > observed) lo = mid; else hi = mid;
        }
        return Math.Exp((lo + hi) / 2);
    }

    /// <summary>The smoothed share over the pooled share: 1 = no different from everyone, 3 = three times as likely.</summary>
    public static double Lift(double count, double n, double prior, double alpha) =>
        prior <= 0 ? 1 : (count + alpha * prior) / (n + alpha) / prior;
}
