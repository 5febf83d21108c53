using System.CommandLine;
using System.Text;
using Matchmaker.Silo.Hosting;

namespace Matchmaker.Silo.Cli;

/// <summary><c>import --event ID FILE.csv</c>: sends a participants CSV to the running service.</summary>
public static class ImportCommand
{
    public static Command Create()
    {
        var eventOption = new Option<string>("--event") { Description = "The event id.", Required = true };
        var urlOption = new Option<Uri>("--url") { Description = "The service's address.", DefaultValueFactory = _ => new Uri(MatchmakerHost.DefaultUrl) };
        var keyOption = ServiceClient.KeyOption();
        var fileArgument = new Argument<FileInfo>("FILE") { Description = "The participants CSV (format in the README)." };
        var command = new Command("import", "Import startups and delegates from a CSV into an event of the running service.")
        {
            eventOption, urlOption, keyOption, fileArgument,
        };
        command.SetAction(async (result, cancel) =>
        {
            var file = new FileInfo(CliPaths.Resolve(result.GetValue(fileArgument)!.ToString()));
            if (!file.Exists)
            {
                await Console.Error.WriteLineAsync($"{file.FullName} does not exist.");
                return 2;
            }
            using var client = new ServiceClient(result.GetValue(urlOption)!, result.GetValue(keyOption));
            try
            {
                var csv = await File.ReadAllTextAsync(file.FullName, cancel);
                var (ok, body) = await client.PostAsync($"/api/events/{Uri.EscapeDataString(result.GetValue(eventOption)!)}/import",
                    new StringContent(csv, Encoding.UTF8, "text/csv"), cancel);
                if (ok)
                {
                    Console.WriteLine($"Imported {body?["startups"]} startups and {body?["delegates"]} delegates.");
                    // Shown once: the service keeps only hashes of these tokens.
                    foreach (var added in body?["newParticipants"] as System.Text.Json.Nodes.JsonArray ?? [])
                        Console.WriteLine($"  {added?["kind"]} {added?["id"]}: {added?["signInLink"]}");
                    return 0;
                }
                var rows = body?["errors"] as System.Text.Json.Nodes.JsonArray;
                await Console.Error.WriteLineAsync($"{file.Name} was not imported; nothing from it was stored."
                    + (rows is null ? " " + ServiceClient.Describe(body) : ""));
                foreach (var error in rows ?? [])
                    await Console.Error.WriteLineAsync($"  line {error?["line"]}, {error?["column"]}: {error?["reason"]}");
                return 1;
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
