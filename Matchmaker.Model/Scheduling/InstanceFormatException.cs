namespace Matchmaker.Model.Scheduling;

/// <summary>An instance file that cannot be read; the message names the file, the line and the field.</summary>
public sealed class InstanceFormatException(string file, int line, string field, string problem)
    : Exception($"{file} line {line}: {field}: {problem}")
{
    public string File { get; } = file;
    public int Line { get; } = line;
    public string Field { get; } = field;
    public string Problem { get; } = problem;
}
