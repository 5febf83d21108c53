namespace Matchmaker.Model.Ranking;

/// <summary>
/// The true taste of each test corporate for each candidate, written by a generator of planted data
/// outside this project (<c>corporate,candidate,score</c>), so <c>evaluate</c> can rank the same pools
/// by it as the method "oracle" without knowing how the data was made.
/// </summary>
public sealed class OracleScores
{
    private readonly string file;
    private readonly Dictionary<(string Corporate, string Candidate), double> scores;

    private OracleScores(string file, Dictionary<(string, string), double> scores)
    {
        this.file = file;
        this.scores = scores;
    }

    public static OracleScores Load(string path)
    {
        var file = Path.GetFileName(path);
        var scores = new Dictionary<(string, string), double>();
        using var rows = new CsvRows(path, ["corporate", "candidate", "score"]);
        while (rows.Next())
        {
            var corporate = rows.Text("corporate") ?? throw new DataFormatException(file, rows.Line, "corporate", "empty.");
            var candidate = rows.Text("candidate") ?? throw new DataFormatException(file, rows.Line, "candidate", "empty.");
            var score = rows.Number("score") ?? 0;
            if (!double.IsFinite(score) || score < 0)
                throw new DataFormatException(file, rows.Line, "score", $"'{score}' is not a finite score ≥ 0.");
            if (!scores.TryAdd((corporate, candidate), score))
                throw new DataFormatException(file, rows.Line, "candidate", $"a second score for {corporate} and {candidate}.");
        }
        return new OracleScores(file, scores);
    }

    /// <summary>The score of a pair; a pair the file does not hold is an error, since the oracle would otherwise be silently wrong.</summary>
    public double Score(string corporate, CandidateView candidate) => Score(corporate, candidate.Id);

    public double Score(string corporate, string candidate) =>
        scores.TryGetValue((corporate, candidate), out var score) ? score
        : throw new DataFormatException(file, 0, "-", $"no score for corporate {corporate} and candidate {candidate}; the file must score every test corporate against every target of the test period.");
}
