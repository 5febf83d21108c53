using System.Globalization;
using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Access;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;

namespace Matchmaker.Api.Features.Meetings;

/// <summary>A party rates a meeting of the published schedule once it has started, as itself (<c>by</c> defaults to the actor's side).</summary>
public sealed record GiveFeedback(Actor Actor, string EventId, string MeetingId, RequestSide? By, int? Rating, bool FollowUp, bool NoShow, string? Comment)
    : ICommand<MeetingFeedback>, IValidated, IChangesMatches
{
    public MatchChange? ChangeOf(object? response) => response is MeetingFeedback f ? MatchChange.OfPair(f.DelegateId, f.StartupId) : null;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        Ids.Check(errors, "eventId", EventId);
        if (!MeetingRequest.TrySplitId(MeetingId, out _, out _))
            errors.Add("meetingId", Phrases.Plain($"'{MeetingId}' is not a meeting id; ids look like startupId.delegateId."));
        if (By is { } by && by is not (RequestSide.Startup or RequestSide.Delegate)) errors.Add("by", Phrases.Plain("must be startup or delegate."));
        if (Rating is { } rating) errors.Range("rating", rating, 1, 5);
        if (Rating is null && !NoShow && !FollowUp) errors.Add("rating", Phrases.RatingRequired);
        if (NoShow && Rating is not null) errors.Add("noShow", Phrases.NoShowRated);
        errors.Optional("comment", Comment, 2000);
        return errors;
    }
}

public sealed class GiveFeedbackHandler(IGrainFactory grains, TimeProvider clock) : ICommandHandler<GiveFeedback, MeetingFeedback>
{
    public async ValueTask<MeetingFeedback> Handle(GiveFeedback command, CancellationToken cancellationToken)
    {
        MeetingRequest.TrySplitId(command.MeetingId, out var startupId, out var delegateId);
        var by = command.By ?? command.Actor.Side;
        AccessCheck.Require(by is { } side && AccessRules.MayGiveFeedback(command.Actor, command.EventId, startupId, delegateId, side),
            $"{ParticipantRules.Capitalised(command.Actor)} cannot rate meeting '{command.MeetingId}': only its two parties rate it, each as itself.");
        var config = await grains.RequireEventAsync(command.EventId);
        var schedule = await GetAgendaHandler.PublishedScheduleAsync(grains, command.EventId);
        var meeting = schedule?.Meetings.FirstOrDefault(m => m.Id == command.MeetingId)
            ?? throw new NotFoundException($"Meeting '{command.MeetingId}' is not on the published schedule of event '{command.EventId}'.");
        var startsAt = EventSlots.StartsAt(config, EventSlots.From(config)[meeting.Slot]);
        if (clock.GetUtcNow() < startsAt)
            throw new ConflictException(Phrases.FeedbackNotYet.With(meeting.Id, startsAt.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)));

        var feedback = new MeetingFeedback(meeting.Id, meeting.StartupId, meeting.DelegateId, by!.Value, command.Rating,
            command.FollowUp, command.NoShow, command.Comment, clock.GetUtcNow());
        await grains.GetGrain<IDelegateGrain>(GrainKeys.Participant(command.EventId, meeting.DelegateId)).RecordFeedbackAsync(feedback);
        return feedback;
    }
}
