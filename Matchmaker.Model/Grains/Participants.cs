using Matchmaker.Model.Domain;

namespace Matchmaker.Model.Grains;

/// <summary>A startup's profile and the slots it can meet in, as the startup wrote them.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.startup-document")]
public sealed record StartupDocument(
    [property: Id(0)] string Id,
    [property: Id(1)] StartupProfile Profile,
    [property: Id(2)] Availability Availability,
    [property: Id(3)] DateTimeOffset UpdatedAt);

/// <summary>A delegate's profile and the slots they can meet in.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.delegate-document")]
public sealed record DelegateDocument(
    [property: Id(0)] string Id,
    [property: Id(1)] DelegateProfile Profile,
    [property: Id(2)] Availability Availability,
    [property: Id(3)] DateTimeOffset UpdatedAt);

/// <summary>Which side of the marketplace a participant is on.</summary>
[GenerateSerializer, Alias("matchmaker.participant-kind")]
public enum ParticipantKind
{
    Startup = 0,
    Delegate = 1,
}

/// <summary>One line of an event's participant index.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.participant-entry")]
public sealed record ParticipantEntry(
    [property: Id(0)] ParticipantKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string Name);

/// <summary>A page of an ordered list and how many items the whole list has.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.participant-page")]
public sealed record ParticipantPage(
    [property: Id(0)] int Total,
    [property: Id(1)] IReadOnlyList<ParticipantEntry> Items);
