using Matchmaker.Api.Errors;
using Matchmaker.Api.Features.Events;
using Matchmaker.Api.Features.Participants;
using Matchmaker.Api.Identity;
using Matchmaker.Api.Pipeline;
using Matchmaker.Model.Access;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Notices;
using Mediator;

namespace Matchmaker.Api.Features.Notices;

/// <summary>A participant's notices, newest first, written in its language.</summary>
/// <param name="Language">Write them in this language instead of the participant's own (en or ko).</param>
public sealed record ListNotices(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId, int Limit = ListNotices.DefaultLimit, string? Language = null)
    : IQuery<NoticesView>, IValidated
{
    public const int DefaultLimit = 50;

    public ValidationErrors Validate()
    {
        var errors = ParticipantQueries.CheckIds(EventId, ParticipantId);
        errors.Range("limit", Limit, 1, Inbox.Capacity);
        if (Language is not null && !Vocabulary.Languages.Contains(Language))
            errors.Add("language", Phrases.NotLanguage.With(ValidationErrors.Shortened(Language), string.Join(" or ", Vocabulary.Languages)));
        return errors;
    }
}

public sealed record NoticeView(
    string Id, NoticeKind Kind, DateTimeOffset CreatedAt, bool Read, MailStatus Mail, string Subject, string Text,
    string? MeetingId, string? OtherId, string? OfferId, IReadOnlyList<TextPart> SubjectParts);

public sealed record NoticesView(int Unread, IReadOnlyList<NoticeView> Notices);

public sealed class ListNoticesHandler(IGrainFactory grains, NoticeComposer composer) : IQueryHandler<ListNotices, NoticesView>
{
    public async ValueTask<NoticesView> Handle(ListNotices query, CancellationToken cancellationToken)
    {
        AccessCheck.Require(AccessRules.MayReadOwn(query.Actor, query.EventId, query.Kind, query.ParticipantId),
            $"{ParticipantRules.Capitalised(query.Actor)} cannot read the notices of {ParticipantRules.Describe(query.Kind, query.ParticipantId)}.");
        await grains.RequireEventAsync(query.EventId);
        var context = await composer.ContextAsync(query.EventId, query.Kind, query.ParticipantId, query.Language)
            ?? throw new NotFoundException($"{ParticipantRules.Describe(query.Kind, query.ParticipantId)} is not registered at event '{query.EventId}'.");
        var entries = await grains.GetGrain<IInboxGrain>(IInboxGrain.KeyOf(query.EventId, query.Kind, query.ParticipantId)).ListAsync(Inbox.Capacity);
        var views = new List<NoticeView>();
        foreach (var entry in entries.Take(query.Limit))
        {
            var text = await composer.WriteAsync(context, entry.Notice);
            views.Add(new NoticeView(entry.Notice.Id, entry.Notice.Kind, entry.Notice.CreatedAt, entry.Read, entry.Mail, text.Subject, text.Body,
                entry.Notice.MeetingId, entry.Notice.OtherId, entry.Notice.OfferId, text.SubjectParts));
        }
        return new NoticesView(entries.Count(e => !e.Read), views);
    }
}

/// <summary>Marks notices read: the named ones, or all when none are named.</summary>
public sealed record MarkNoticesRead(Actor Actor, string EventId, ParticipantKind Kind, string ParticipantId, IReadOnlyList<string>? Ids)
    : ICommand<NoticesRead>, IValidated
{
    public ValidationErrors Validate()
    {
        var errors = ParticipantQueries.CheckIds(EventId, ParticipantId);
        if (errors.MaxCount("ids", Ids, Inbox.Capacity))
            foreach (var id in Ids ?? []) errors.Required("ids", id, 300);
        return errors;
    }
}

public sealed record NoticesRead(int Unread);

public sealed class MarkNoticesReadHandler(IGrainFactory grains) : ICommandHandler<MarkNoticesRead, NoticesRead>
{
    public async ValueTask<NoticesRead> Handle(MarkNoticesRead command, CancellationToken cancellationToken)
    {
        AccessCheck.Require(command.Actor.Is(command.EventId, command.Kind, command.ParticipantId),
            $"Only {ParticipantRules.Describe(command.Kind, command.ParticipantId)} marks its own notices read.");
        await grains.RequireEventAsync(command.EventId);
        var inbox = grains.GetGrain<IInboxGrain>(IInboxGrain.KeyOf(command.EventId, command.Kind, command.ParticipantId));
        await inbox.MarkReadAsync(command.Ids);
        return new NoticesRead((await inbox.ListAsync(Inbox.Capacity)).Count(e => !e.Read));
    }
}
