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
/// The test classes that run the exact solver on real instances share this collection, so they run one after
/// another: each solve uses both cores, and solves in parallel would only take longer, not say more.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ExactSolverRuns
{
    public const string Name = "Exact solver runs";
}
