using System.CommandLine;
using System.Text.Json;
using Matchmaker.Model.Scheduling.Exact;
using Matchmaker.Silo.Cli;

namespace Matchmaker.Tests.Scheduling;

[Collection(ExactSolverRuns.Name)]
public class SolveCommandTests
{
    private static (int Exit, string[] Lines) Run(params string[] args)
    {
        var output = new StringWriter();
        var exit = MatchmakerCommandLine.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output });
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Solve_prints_one_json_line_per_instance_in_the_documented_shape()
    {
        var (exit, lines) = Run("solve", Instances.File("tic-12"), Instances.File("tic-12crafc"), "--fairness", "2", "--time-limit", "60");

        Assert.Equal(0, exit);
        Assert.Equal(2, lines.Length);
        using var json = JsonDocument.Parse(lines[0]);
        var root = json.RootElement;
        Assert.Equal(["instance", "status", "breaks", "seconds", "meetings"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("tic-12", root.GetProperty("instance").GetString());
        Assert.Equal("optimal", root.GetProperty("status").GetString());
        Assert.Equal(0, root.GetProperty("breaks").GetInt32());
        Assert.Equal(125, root.GetProperty("meetings").GetArrayLength());
        Assert.Equal(["a", "b", "slot", "table"], root.GetProperty("meetings")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void A_bad_file_gets_an_error_line_naming_line_and_field()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.dzn");
        File.WriteAllText(path, File.ReadAllText(Instances.File("tic-12")).Replace("|1, 8,3,", "|1, 8,"));
        try
        {
            var (exit, lines) = Run("solve", path);

            Assert.Equal(1, exit);
            using var json = JsonDocument.Parse(Assert.Single(lines));
            Assert.Equal("error", json.RootElement.GetProperty("status").GetString());
            Assert.Contains("line 7: requested: expected 3 values per row, found 2", json.RootElement.GetProperty("error").GetString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Solve_reads_fixed_meetings_and_precedences_and_prints_why_an_instance_is_infeasible()
    {
        var original = DznReader.ReadFile(Instances.File("tic-12"));
        // Meeting 1 (1-8) fixed at slot 2 and meeting 2 (1-10) at slot 5; then 2 before 1 cannot hold.
        var fixedSlots = original.Fixed.ToArray();
        fixedSlots[0] = 2;
        fixedSlots[1] = 5;
        var precedences = original.Precedences.ToArray();
        precedences[0] = [2];
        var ordered = original with { Name = "ordered", Fixed = fixedSlots };
        var impossible = ordered with { Name = "impossible", Precedences = precedences };
        var folder = Directory.CreateTempSubdirectory("solve-");
        try
        {
            var orderedPath = Path.Combine(folder.FullName, "ordered.dzn");
            var impossiblePath = Path.Combine(folder.FullName, "impossible.dzn");
            DznWriter.WriteFile(ordered, orderedPath);
            DznWriter.WriteFile(impossible, impossiblePath);

            var (exit, lines) = Run("solve", orderedPath, impossiblePath, "--time-limit", "60");

            Assert.Equal(0, exit);
            using var first = JsonDocument.Parse(lines[0]);
            var meetings = first.RootElement.GetProperty("meetings");
            Assert.Equal("optimal", first.RootElement.GetProperty("status").GetString());
            Assert.Equal(2, meetings[0].GetProperty("slot").GetInt32());
            Assert.Equal(5, meetings[1].GetProperty("slot").GetInt32());
            using var second = JsonDocument.Parse(lines[1]);
            Assert.Equal("infeasible", second.RootElement.GetProperty("status").GetString());
            Assert.Equal("meeting 1 (1-8) has no slot left once fixed meetings, tables and precedences are taken into account",
                second.RootElement.GetProperty("reason").GetString());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
