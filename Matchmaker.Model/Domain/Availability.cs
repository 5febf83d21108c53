using System.Text.Json;
using System.Text.Json.Serialization;

namespace Matchmaker.Model.Domain;

/// <summary>The slots a participant can meet in; <c>null</c> slots means every slot of the event.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.availability")]
[JsonConverter(typeof(AvailabilityJson))]
public sealed record Availability([property: Id(0)] IReadOnlyList<int>? Slots)
{
    public static readonly Availability All = new((IReadOnlyList<int>?)null);

    public bool Includes(int slot) => Slots is null || Slots.Contains(slot);

    public ValidationErrors Validate(int slotCount)
    {
        var errors = new ValidationErrors();
        if (Slots is null || !errors.MaxCount("availability", Slots, slotCount)) return errors;
        foreach (var slot in Slots)
            if (slot < 0 || slot >= slotCount)
                errors.Add("availability", Phrases.SlotOutside.With(slot, slotCount - 1));
        if (Slots.Distinct().Count() != Slots.Count) errors.Add("availability", Phrases.SlotTwice);
        return errors;
    }
}

/// <summary>In JSON, availability is what a client PUTs: a list of slot numbers, or null for every slot.</summary>
public sealed class AvailabilityJson : JsonConverter<Availability>
{
    public override bool HandleNull => true;

    public override Availability Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? Availability.All : new Availability(JsonSerializer.Deserialize<List<int>>(ref reader, options));

    public override void Write(Utf8JsonWriter writer, Availability value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Slots, options);
}
