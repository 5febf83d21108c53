using Matchmaker.Model.Ranking;

namespace Matchmaker.Tests.Ranking;

public class CrunchbaseDataTests
{
    [Fact]
    public void A_missing_column_is_reported_with_file_line_and_column()
    {
        using var data = new SyntheticCrunchbase();
        var path = Path.Combine(data.Directory, "acquisitions.csv");
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, [lines[0].Replace("acquired_at,", "acquired_on,", StringComparison.Ordinal), .. lines.Skip(1)]);

        var error = Assert.Throws<DataFormatException>(() => CrunchbaseData.Load(data.Directory));

        Assert.Equal(("acquisitions.csv", 1L, "acquired_at"), (error.File, error.Line, error.Column));
        Assert.Contains("acquisitions.csv, line 1, column 'acquired_at'", error.Message);
    }

    [Fact]
    public void A_malformed_date_is_reported_with_file_line_and_column()
    {
        using var data = new SyntheticCrunchbase();
        var path = Path.Combine(data.Directory, "acquisitions.csv");
        var lines = File.ReadAllLines(path);
        var date = lines[3].Split(',')[14];
        lines[3] = lines[3].Replace(date, "2012-13-45", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var error = Assert.Throws<DataFormatException>(() => CrunchbaseData.Load(data.Directory));

        Assert.Equal(("acquisitions.csv", 4L, "acquired_at"), (error.File, error.Line, error.Column));
        Assert.Contains("'2012-13-45' is not a date", error.Message);
    }

    [Fact]
    public void Blank_comma_lines_are_skipped_and_every_acquisition_is_an_engagement()
    {
        using var data = new SyntheticCrunchbase(corporates: 2, targetsPerCorporate: 5);

        var loaded = CrunchbaseData.Load(data.Directory);

        Assert.Equal((2 + 4) * 5, loaded.Engagements.Count);
    }

    [Fact]
    public void A_candidate_seen_before_its_funding_date_has_no_funding_yet()
    {
        using var data = new SyntheticCrunchbase(corporates: 1, targetsPerCorporate: 1);
        var loaded = CrunchbaseData.Load(data.Directory);
        var company = loaded.Companies.Values.First(c => c.LastFunding is not null);

        Assert.Null(loaded.Candidate(company.Id, company.LastFunding!.Value).FundingUsd);
        Assert.NotNull(loaded.Candidate(company.Id, company.LastFunding!.Value.AddDays(1)).FundingUsd);
    }
}
