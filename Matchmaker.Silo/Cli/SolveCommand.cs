using System.CommandLine;
using Matchmaker.Model.Scheduling;
using Matchmaker.Model.Scheduling.Events;
using Matchmaker.Model.Scheduling.Exact;

namespace Matchmaker.Silo.Cli;

/// <summary>
/// <c>solve FILE...</c>: the scheduler on instance files, one JSON line per instance on stdout.
/// <c>.dzn</c> files (the B2B benchmark) go to the exact mode, <c>.json</c> files to the event mode.
/// Pure computation: no web host, no storage.
/// </summary>
public static class SolveCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("FILE") { Description = "Instance files: .dzn (exact mode) or .json (event mode).", Arity = ArgumentArity.OneOrMore };
        var fairness = new Option<int>("--fairness")
        {
            Description = "Exact mode: largest allowed difference between two participants' breaks.",
            DefaultValueFactory = _ => 2,
        };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = "Seconds allowed per instance.",
            DefaultValueFactory = _ => 60,
        };
        var command = new Command("solve", "Schedule meetings for instance files and print one JSON line per instance.")
        {
            files, fairness, timeLimit,
        };
        command.SetAction(result => Run(
            result.GetValue(files) ?? [], result.GetValue(fairness), result.GetValue(timeLimit),
            result.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(FileInfo[] files, int fairness, double timeLimit, TextWriter output)
    {
        var exit = 0;
        foreach (var given in files)
        {
            var file = new FileInfo(CliPaths.Resolve(given.ToString()));
            var name = Path.GetFileNameWithoutExtension(file.Name);
            string line;
            try
            {
                line = file.Extension.Equals(".json", StringComparison.OrdinalIgnoreCase)
                    ? EventScheduleJson.Line(name, EventScheduler.Solve(
                        EventProblemReader.ReadFile(file.FullName),
                        new EventSchedulerOptions(TimeLimitSeconds: timeLimit)))
                    : ScheduleJson.Line(ExactScheduler.Solve(
                        DznReader.ReadFile(file.FullName),
                        new ExactSchedulerOptions(fairness, timeLimit)));
            }
            catch (Exception e) when (e is InstanceFormatException or IOException or UnauthorizedAccessException)
            {
                line = ScheduleJson.ErrorLine(name, e.Message);
                exit = 1;
            }
            output.WriteLine(line);
            output.Flush();
        }
        return exit;
    }
}
