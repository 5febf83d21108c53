using System.CommandLine;
using Matchmaker.Silo.Hosting;

namespace Matchmaker.Silo.Cli;

/// <summary><c>serve</c>: one node serving HTTP and hosting the silo, with the demo event.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", $"Run the service (HTTP on {MatchmakerHost.DefaultUrl}) with the demo event.")
        {
            // Host settings such as --urls or --ConnectionStrings:Storage pass through to ASP.NET Core.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, cancel) => RunAsync(result.UnmatchedTokens.ToArray(), cancel));
        return command;
    }

    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancel)
    {
        var stray = hostArgs.Where((arg, i) => !arg.StartsWith('-') && (i == 0 || !hostArgs[i - 1].StartsWith('-') || hostArgs[i - 1].Contains('='))).ToList();
        if (stray.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Unknown command or argument '{stray[0]}'. Run with --help to see the verbs.");
            return 2;
        }
        await using var app = MatchmakerHost.Build(hostArgs);
        await app.RunAsync(cancel);
        return 0;
    }
}
