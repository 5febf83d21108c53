namespace Matchmaker.Model.Grains;

/// <summary>What one party says after a meeting; the nightly retraining learns from it.</summary>
[GenerateSerializer, Immutable, Alias("matchmaker.meeting-feedback")]
public sealed record MeetingFeedback(
    [property: Id(0)] string MeetingId,
    [property: Id(1)] string StartupId,
    [property: Id(2)] string DelegateId,
    [property: Id(3)] RequestSide By,
    [property: Id(4)] int? Rating,
    [property: Id(5)] bool FollowUp,
    [property: Id(6)] bool NoShow,
    [property: Id(7)] string? Comment,
    [property: Id(8)] DateTimeOffset At)
{
    /// <summary>Stands in for a startup that deleted its data.</summary>
    public const string Deleted = "deleted";
}
