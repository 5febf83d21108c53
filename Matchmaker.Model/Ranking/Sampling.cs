namespace Matchmaker.Model.Ranking;

/// <summary>The random draws the seeded generators share (planted histories, the simulated event week).</summary>
internal static class Sampling
{
    /// <summary>An index drawn with probability proportional to its weight.</summary>
    public static int Pick(Random random, double[] weights)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x <= 0) return i;
        }
        return weights.Length - 1;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
