using Matchmaker.Silo.Cli;

return await MatchmakerCommandLine.Create().Parse(args).InvokeAsync();

/// <summary>The entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;
