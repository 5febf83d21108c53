namespace Matchmaker.Model.Domain;

/// <summary>Every problem found in one input, by field name, so a user can fix them all at once.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        messages.Add(message);
    }

    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "is required.");
        else if (value.Length > maxLength) Add(field, $"must be at most {maxLength} characters (was {value.Length}).");
    }

    public void Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            Add(field, $"must be at most {maxLength} characters (was {value.Length}).");
    }

    public void Known(string field, IReadOnlyCollection<string>? values, IReadOnlyCollection<string> known, bool required)
    {
        if (values is null || values.Count == 0)
        {
            if (required) Add(field, "needs at least one value.");
            return;
        }
        foreach (var value in values)
            if (!known.Contains(value))
                Add(field, $"'{value}' is not a known value; use one of: {string.Join(", ", known)}.");
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
            Add(field, "lists a value twice.");
    }

    public void Range(string field, int value, int min, int max)
    {
        if (value < min || value > max) Add(field, $"must be between {min} and {max} (was {value}).");
    }

    /// <summary>Adds another input's errors under a prefix, e.g. <c>profile.</c>.</summary>
    public void Include(string prefix, ValidationErrors other)
    {
        foreach (var (field, messages) in other._errors)
            foreach (var message in messages)
                Add(prefix + field, message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join("; ", _errors.SelectMany(e => e.Value.Select(m => $"{e.Key} {m}")));
}
