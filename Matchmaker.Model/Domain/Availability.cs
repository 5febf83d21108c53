namespace Matchmaker.Model.Domain;

/// <summary>The slots a participant can meet in; <c>null</c> slots means every slot of the event.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.availability")]
public sealed record Availability([property: Id(0)] IReadOnlyList<int>? Slots)
{
    public static readonly Availability All = new((IReadOnlyList<int>?)null);

    public bool Includes(int slot) => Slots is null || Slots.Contains(slot);

    public ValidationErrors Validate(int slotCount)
    {
        var errors = new ValidationErrors();
        if (Slots is null) return errors;
        foreach (var slot in Slots)
            if (slot < 0 || slot >= slotCount)
                errors.Add("availability", $"slot {slot} is outside the event (slots are 0 to {slotCount - 1}).");
        if (Slots.Distinct().Count() != Slots.Count) errors.Add("availability", "lists a slot twice.");
        return errors;
    }
}
