namespace Matchmaker.Model.Domain;

/// <summary>
/// The problems found in one input, by field name, so a user can fix them all at once. Only the first
/// <see cref="MaxReported"/> are kept (the rest are counted), so a huge bad input cannot make a huge answer.
/// </summary>
public sealed class ValidationErrors
{
    public const int MaxReported = 100;
    private readonly Dictionary<string, List<Message>> _errors = new(StringComparer.Ordinal);
    private int _reported;

    public bool IsValid => Count == 0;

    /// <summary>How many problems were found, including those not kept.</summary>
    public int Count { get; private set; }

    public void Add(string field, Message message)
    {
        Count++;
        if (_reported >= MaxReported) return;
        _reported++;
        if (!_errors.TryGetValue(field, out var messages))
            _errors[field] = messages = [];
        messages.Add(message);
    }

    /// <summary>A list may hold at most <paramref name="max"/> items; false (with one error) when it holds more.</summary>
    public bool MaxCount<T>(string field, IReadOnlyCollection<T>? values, int max)
    {
        if (values is null || values.Count <= max) return true;
        Add(field, Phrases.TooManyValues.With(max, values.Count));
        return false;
    }

    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, Phrases.Required);
        else if (value.Length > maxLength) Add(field, Phrases.TooLong.With(maxLength, value.Length));
    }

    public void Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
            Add(field, Phrases.TooLong.With(maxLength, value.Length));
    }

    public void Known(string field, IReadOnlyCollection<string>? values, IReadOnlyCollection<string> known, bool required)
    {
        if (values is null || values.Count == 0)
        {
            if (required) Add(field, Phrases.NeedsValue);
            return;
        }
        if (!MaxCount(field, values, known.Count)) return;
        var firstUnknown = true;
        foreach (var value in values)
            if (value is null || !known.Contains(value))
            {
                // The list of known values is long: say it once per field.
                Add(field, value is null ? Phrases.NullInList
                    : firstUnknown ? Phrases.UnknownValueOf.With(Shortened(value), string.Join(", ", known))
                    : Phrases.UnknownValue.With(Shortened(value)));
                firstUnknown = false;
            }
        if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
            Add(field, Phrases.ValueTwice);
    }

    public void Range(string field, int value, int min, int max)
    {
        if (value < min || value > max) Add(field, Phrases.OutOfRange.With(min, max, value));
    }

    /// <summary>Adds another input's errors under a prefix, e.g. <c>profile.</c>.</summary>
    public void Include(string prefix, ValidationErrors other)
    {
        foreach (var (field, messages) in other._errors)
            foreach (var message in messages)
                Add(prefix + field, message);
        Count += other.Count - other._reported;
    }

    /// <summary>A value quoted back in an error is cut short, so an error is never larger than a line.</summary>
    public static string Shortened(string value) => value.Length <= 40 ? value : value[..40] + "…";

    /// <summary>Each field's problems in English, as the API answers them.</summary>
    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.English).ToArray(), StringComparer.Ordinal);

    /// <summary>Each problem with its field, for a page that says them in its reader's language.</summary>
    public IReadOnlyList<(string Field, Message Message)> Messages() =>
        _errors.SelectMany(e => e.Value.Select(m => (e.Key, m))).ToList();

    public override string ToString() =>
        string.Join("; ", _errors.SelectMany(e => e.Value.Select(m => $"{e.Key} {m.English}")));
}
