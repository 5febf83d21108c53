using System.Globalization;
using System.Resources;
using System.Text;
using Matchmaker.Api.Features.Agendas;
using Matchmaker.Api.Features.Events;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Matchmaker.Model.Live;
using Matchmaker.Model.Notices;
using Matchmaker.Model.PublishedSchedules;

namespace Matchmaker.Api.Features.Notices;

/// <summary>A piece of a notice's subject: words of the sentence, or data (a name) that is never translated.</summary>
public sealed record TextPart(string Text, bool Data);

/// <summary>A notice in words: a subject line (also in parts, so a page can mark names as data) and a few lines of text.</summary>
public sealed record RenderedNotice(string Subject, IReadOnlyList<TextPart> SubjectParts, string Body);

/// <summary>What a notice's words need: the event, the recipient, the published meetings, and the other parties' names.</summary>
public sealed class NoticeContext(IGrainFactory grains, string eventId, EventConfig config, ParticipantKind kind, string participantId,
    string recipientName, string? email, CultureInfo culture, PublishedSchedule? schedule, string appUrl)
{
    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    public string EventId => eventId;
    public EventConfig Config => config;
    public ParticipantKind Kind => kind;
    public string ParticipantId => participantId;
    public string RecipientName => recipientName;
    public string? Email => email;
    public CultureInfo Culture => culture;
    public PublishedSchedule? Schedule => schedule;
    public string AppUrl => appUrl;
    public IReadOnlyList<EventSlot> Slots { get; } = EventSlots.From(config);

    public ParticipantKind OtherKind => kind == ParticipantKind.Startup ? ParticipantKind.Delegate : ParticipantKind.Startup;

    /// <summary>The other party's display name ("Name (Company)" for a scout), or its id when it left the event.</summary>
    public async Task<string> NameOfAsync(string otherId)
    {
        if (_names.TryGetValue(otherId, out var known)) return known;
        var key = GrainKeys.Participant(eventId, otherId);
        var name = OtherKind == ParticipantKind.Startup
            ? (await grains.GetGrain<IStartupGrain>(key).GetAsync())?.Profile.Name
            : (await grains.GetGrain<IDelegateGrain>(key).GetAsync())?.Profile is { } d ? $"{d.Name} ({d.Company})" : null;
        return _names[otherId] = name ?? otherId;
    }

    private IReadOnlyList<RefillOffer>? _taken;

    /// <summary>
    /// Where a meeting is: in the published schedule, or, for a slot a standby startup took since, in the taken offer
    /// (the next version lists it). Null when it has no place yet.
    /// </summary>
    public async Task<(int Slot, int Table)?> PlaceOfAsync(string meetingId)
    {
        if (schedule?.Meetings.FirstOrDefault(m => m.Id == meetingId) is { } meeting) return (meeting.Slot, meeting.Table);
        _taken ??= (await grains.GetGrain<ILiveOpsGrain>(eventId).GetOffersAsync()).Where(o => o.TakenBy is not null).ToList();
        return _taken.Where(o => o.MeetingId == meetingId).MaxBy(o => o.TakenAt) is { } refill ? (refill.Slot, refill.Table) : null;
    }

    /// <summary>A slot's start in the event's time zone, written the reader's way.</summary>
    public string When(int slot)
    {
        if (slot < 0 || slot >= Slots.Count) return "?";
        var start = EventSlots.StartsAt(config, Slots[slot]);
        var local = TimeZoneInfo.ConvertTime(start, TimeZoneInfo.FindSystemTimeZoneById(config.TimeZone));
        return local.ToString(NoticeComposer.Text("DateFormat", culture), culture);
    }
}

/// <summary>
/// Writes notices in English or Korean from resource files (NoticeText.resx, NoticeText.ko.resx). The resource
/// manager is named explicitly, so the web app's localization settings cannot move where mail text is found.
/// </summary>
public sealed class NoticeComposer(IGrainFactory grains, Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    private static readonly ResourceManager Resources = new("Matchmaker.Api.Features.Notices.NoticeText", typeof(NoticeComposer).Assembly);

    public static string Text(string name, CultureInfo culture) =>
        Resources.GetString(name, culture) ?? throw new InvalidOperationException($"Notice text '{name}' is missing.");

    public static CultureInfo CultureOf(string? language) =>
        CultureInfo.GetCultureInfo(language is { } l && Vocabulary.Languages.Contains(l) ? l : Vocabulary.DefaultLanguage);

    /// <summary>Null when the event or the participant is gone.</summary>
    /// <param name="language">The reader's language when it is not the participant's own (a page in the other language).</param>
    public async Task<NoticeContext?> ContextAsync(string eventId, ParticipantKind kind, string participantId, string? language = null)
    {
        if (await grains.GetGrain<IEventGrain>(eventId).GetConfigAsync() is not { } config) return null;
        var key = GrainKeys.Participant(eventId, participantId);
        (string Name, string? Email, string? Language)? recipient = kind == ParticipantKind.Startup
            ? (await grains.GetGrain<IStartupGrain>(key).GetAsync())?.Profile is { } s ? (s.Name, s.ContactEmail, s.Language) : null
            : (await grains.GetGrain<IDelegateGrain>(key).GetAsync())?.Profile is { } d ? (d.Name, d.ContactEmail, d.Language) : null;
        if (recipient is not { } r) return null;
        var schedule = await GetAgendaHandler.PublishedScheduleAsync(grains, eventId);
        // Links point where users reach the service: configured, else where this host listens.
        var appUrl = (configuration["Mail:AppUrl"] ?? configuration["urls"]?.Split(';')[0] ?? "http://127.0.0.1:5080").TrimEnd('/');
        return new NoticeContext(grains, eventId, config, kind, participantId, r.Name, r.Email, CultureOf(language ?? r.Language), schedule, appUrl);
    }

    public async Task<RenderedNotice> WriteAsync(NoticeContext context, Notice notice)
    {
        var culture = context.Culture;
        string T(string name, params object?[] args) => string.Format(culture, Text(name, culture), args);
        var other = notice.OtherId is { } otherId ? await context.NameOfAsync(otherId) : "";
        var eventName = context.Config.Name;
        var place = notice.MeetingId is { } id ? await context.PlaceOfAsync(id) : null;
        var slot = notice.Slot ?? place?.Slot;
        var table = place?.Table;
        var body = new StringBuilder();
        body.AppendLine(T("Greeting", context.RecipientName)).AppendLine();
        IReadOnlyList<TextPart> subject;
        IReadOnlyList<TextPart> Subject(string name, params (string Text, bool Data)[] args) => Parts(Text(name, culture), args);
        switch (notice.Kind)
        {
            case NoticeKind.RequestReceived:
            case NoticeKind.InvitationReceived:
                subject = Subject($"{notice.Kind}.Subject", (other, true), (eventName, true));
                body.AppendLine(T($"{notice.Kind}.Body", other, eventName));
                if (!string.IsNullOrWhiteSpace(notice.Message)) body.AppendLine().AppendLine($"“{notice.Message}”");
                break;
            case NoticeKind.RequestAccepted:
            case NoticeKind.ProposalConfirmed:
            case NoticeKind.Declined:
            case NoticeKind.Cancelled:
                subject = Subject($"{notice.Kind}.Subject", (other, true), (eventName, true));
                body.AppendLine(T($"{notice.Kind}.Body", other, eventName));
                if (slot is { } s && notice.Kind is NoticeKind.RequestAccepted or NoticeKind.ProposalConfirmed)
                    body.AppendLine(T("MeetingAt", context.When(s), table?.ToString(culture) ?? "?"));
                if (!string.IsNullOrWhiteSpace(notice.Message) && notice.Kind is NoticeKind.Declined or NoticeKind.Cancelled)
                    body.AppendLine().AppendLine($"“{notice.Message}”");
                break;
            case NoticeKind.ScheduleChanged:
                subject = Subject("ScheduleChanged.Subject", (eventName, true), (notice.Version?.ToString(culture) ?? "", false));
                body.AppendLine(T("ScheduleChanged.Body", eventName, notice.Version));
                await ListAsync(body, context, "ScheduleChanged.Added", notice.Added);
                await ListAsync(body, context, "ScheduleChanged.Moved", notice.Moved);
                await ListAsync(body, context, "ScheduleChanged.Removed", notice.Removed);
                break;
            case NoticeKind.RefillOffered:
                subject = Subject("RefillOffered.Subject", (other, true), (context.When(notice.Slot ?? -1), false));
                body.AppendLine(T("RefillOffered.Body", other, context.When(notice.Slot ?? -1), eventName));
                break;
            case NoticeKind.MeetingReminder:
                subject = Subject("MeetingReminder.Subject", (other, true), (context.When(notice.Slot ?? -1), false));
                body.AppendLine(T("MeetingReminder.Body", other, context.When(notice.Slot ?? -1), table?.ToString(culture) ?? "?", eventName));
                break;
            default:
                subject = [new TextPart(eventName, true)];
                break;
        }
        body.AppendLine().AppendLine(T("Footer", context.AppUrl));
        return new RenderedNotice(string.Concat(subject.Select(p => p.Text)), subject, body.ToString());
    }

    /// <summary>A format string's words and its arguments, in order: "{0} agreed to meet you" → [name (data), " agreed to meet you"].</summary>
    public static IReadOnlyList<TextPart> Parts(string template, IReadOnlyList<(string Text, bool Data)> args)
    {
        var parts = new List<TextPart>();
        var at = 0;
        foreach (System.Text.RegularExpressions.Match hole in System.Text.RegularExpressions.Regex.Matches(template, @"\{(\d+)\}"))
        {
            if (hole.Index > at) parts.Add(new TextPart(template[at..hole.Index], false));
            var (text, data) = args[int.Parse(hole.Groups[1].Value, CultureInfo.InvariantCulture)];
            parts.Add(new TextPart(text, data));
            at = hole.Index + hole.Length;
        }
        if (at < template.Length) parts.Add(new TextPart(template[at..], false));
        return parts;
    }

    private static async Task ListAsync(StringBuilder body, NoticeContext context, string heading, IReadOnlyList<string>? meetingIds)
    {
        if (meetingIds is not { Count: > 0 }) return;
        body.AppendLine().AppendLine(Text(heading, context.Culture));
        foreach (var id in meetingIds)
        {
            if (!MeetingRequest.TrySplitId(id, out var startupId, out var delegateId)) continue;
            var other = await context.NameOfAsync(context.Kind == ParticipantKind.Startup ? delegateId : startupId);
            var meeting = context.Schedule?.Meetings.FirstOrDefault(m => m.Id == id);
            body.AppendLine(meeting is null
                ? $"- {other}"
                : $"- {context.When(meeting.Slot)} · {string.Format(context.Culture, Text("Table", context.Culture), meeting.Table)} · {other}");
        }
    }
}
