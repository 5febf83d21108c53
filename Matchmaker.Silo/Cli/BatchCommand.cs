using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Matchmaker.Silo.Hosting;

namespace Matchmaker.Silo.Cli;

/// <summary><c>batch --event ID</c>: runs the pairing batch on the running service once and waits for it (for cron).</summary>
public static class BatchCommand
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    public static Command Create()
    {
        var eventOption = new Option<string>("--event") { Description = "The event id.", Required = true };
        var urlOption = new Option<Uri>("--url") { Description = "The service's address.", DefaultValueFactory = _ => new Uri(MatchmakerHost.DefaultUrl) };
        var keyOption = ServiceClient.KeyOption();
        var timeoutOption = new Option<int>("--timeout") { Description = "Seconds to wait for the run to finish.", DefaultValueFactory = _ => 1800 };
        var command = new Command("batch", "Run the pairing batch of an event once on the running service, wait for it and print its report.")
        {
            eventOption, urlOption, keyOption, timeoutOption,
        };
        command.SetAction(async (result, cancel) =>
        {
            var eventId = Uri.EscapeDataString(result.GetValue(eventOption)!);
            using var client = new ServiceClient(result.GetValue(urlOption)!, result.GetValue(keyOption));
            try
            {
                var (ok, run) = await client.PostAsync($"/api/events/{eventId}/batch", null, cancel);
                if (!ok)
                {
                    await Console.Error.WriteLineAsync($"The batch did not start: {ServiceClient.Describe(run)}");
                    return 1;
                }
                var deadline = DateTime.UtcNow.AddSeconds(result.GetValue(timeoutOption));
                while ((string?)run?["status"] == "running")
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        await Console.Error.WriteLineAsync($"Run {run?["runId"]} is still in phase {run?["phase"]}; stopped waiting.");
                        return 4;
                    }
                    await Task.Delay(PollEvery, cancel);
                    (_, run) = await client.GetAsync($"/api/events/{eventId}/batch/{run?["runId"]}", cancel);
                }
                Console.WriteLine(run?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                return (string?)run?["status"] == "succeeded" ? 0 : 1;
            }
            catch (ServiceUnavailableException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return 3;
            }
        });
        return command;
    }
}
