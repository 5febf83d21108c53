using System.CommandLine;
using System.Text.Json;
using Matchmaker.Silo.Cli;

namespace Matchmaker.Tests.Scheduling;

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
}
