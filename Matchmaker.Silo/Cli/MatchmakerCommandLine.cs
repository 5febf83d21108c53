using System.CommandLine;

namespace Matchmaker.Silo.Cli;

/// <summary>The verbs of the Matchmaker executable; with no verb it serves.</summary>
public static class MatchmakerCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Matchmaker: startup-to-corporate one-to-one meetings for event weeks.")
        {
            // Host options (--urls, --environment, …) pass through to ASP.NET Core untouched.
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(SolveCommand.Create());
        root.SetAction((result, cancel) => ServeCommand.RunAsync(result.UnmatchedTokens.ToArray(), cancel));
        return root;
    }
}
