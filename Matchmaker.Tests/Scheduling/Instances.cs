using Matchmaker.Model.Scheduling.Exact;

namespace Matchmaker.Tests.Scheduling;

/// <summary>The repo's copy of the real B2B instances, found from the test binaries upward.</summary>
internal static class Instances
{
    public static string DataDirectory { get; } = Find();

    public static string File(string name) => Path.Combine(DataDirectory, "instances", name + ".dzn");

    public static B2bInstance Read(string name) => DznReader.ReadFile(File(name));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "data", "b2b-scheduling");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("data/b2b-scheduling not found above " + AppContext.BaseDirectory);
    }

    public static RequestedMeeting Meet(int a, int b, Session session = Session.Either) => new(a, b, session);

    public static IReadOnlySet<int> None => new HashSet<int>();
}

/// <summary>
/// The test classes that run the exact solver on real instances share this collection, which runs alone,
/// after the others: each solve uses both cores and caps its short tries in wall-clock time, so running
/// beside other tests only makes it do less work per try, not test more.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExactSolverRuns
{
    public const string Name = "Exact solver runs";
}
