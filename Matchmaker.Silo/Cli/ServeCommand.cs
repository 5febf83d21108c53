using System.CommandLine;

namespace Matchmaker.Silo.Cli;

/// <summary><c>serve</c>: one node serving HTTP and hosting the silo, with the demo event.</summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the service (HTTP on http://127.0.0.1:5080) with the demo event.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, cancel) => RunAsync(result.UnmatchedTokens.ToArray(), cancel));
        return command;
    }

    public static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancel)
    {
        await Task.Yield();
        Console.WriteLine("serve " + string.Join(' ', hostArgs));
        return 0;
    }
}
