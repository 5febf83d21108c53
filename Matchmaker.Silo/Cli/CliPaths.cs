namespace Matchmaker.Silo.Cli;

/// <summary>
/// Where a relative path on the command line points. <c>dotnet run --project Matchmaker.Silo</c> starts the
/// program in the project folder, not where the caller stood, so a path is looked for from the working
/// directory, then from the caller's shell directory (PWD, which the process inherits), then from the
/// repository root. A path that exists nowhere yet (an output) is taken from the caller's directory.
/// </summary>
public static class CliPaths
{
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        var caller = Environment.GetEnvironmentVariable("PWD");
        var bases = new[] { Directory.GetCurrentDirectory(), caller, RepoRootOrNull() }.OfType<string>();
        foreach (var directory in bases)
        {
            var candidate = Path.GetFullPath(Path.Combine(directory, path));
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        return Path.GetFullPath(Path.Combine(caller ?? Directory.GetCurrentDirectory(), path));
    }

    private static string? RepoRootOrNull()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Matchmaker.sln"))) return dir.FullName;
        return null;
    }
}
