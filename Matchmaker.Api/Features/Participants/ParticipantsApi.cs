using System.Security.Claims;
using Matchmaker.Api.Identity;
using Matchmaker.Model.Domain;
using Matchmaker.Model.Grains;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Matchmaker.Api.Features.Participants;

/// <summary>A personal token again (after rotation), with the link that signs in with it.</summary>
public sealed record TokenIssued(string Token, string SignInLink);

/// <summary>Where a calendar app subscribes to an agenda.</summary>
public sealed record CalendarFeed(string Url);

public static class ParticipantsApi
{
    public static IEndpointRouteBuilder MapParticipantsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapEventGroup("Participants");
        // Registering yourself needs no credential when the event allows it; the handler decides.
        group.MapPut("/startups/{id}", SaveStartupAsync).AllowAnonymous().WithName("SaveStartup")
            .WithSummary("Register or update a startup's profile and availability (the startup, the organiser, or anyone when the event allows self-registration). A new registration's answer carries its token, once.");
        group.MapGet("/startups/{id}", GetStartupAsync).WithName("GetStartup")
            .WithSummary("A startup: all of it for itself and the organiser, the public profile for delegates (contact details once a meeting is accepted).");
        group.MapGet("/startups", ListStartupsAsync).WithName("ListStartups").WithSummary("A page of the event's startups, ordered by id (organiser).");
        group.MapPut("/delegates/{id}", SaveDelegateAsync).AllowAnonymous().WithName("SaveDelegate")
            .WithSummary("Register or update a delegate's profile and availability (the delegate, the organiser, or anyone when the event allows self-registration). A new registration's answer carries its token, once.");
        group.MapGet("/delegates/{id}", GetDelegateAsync).WithName("GetDelegate")
            .WithSummary("A delegate: all of it for themselves and the organiser, the public profile for startups (contact details once a meeting is accepted).");
        group.MapGet("/delegates", ListDelegatesAsync).WithName("ListDelegates").WithSummary("A page of the event's delegates, ordered by id (organiser).");
        foreach (var (kind, path) in ParticipantPaths.All)
        {
            group.MapPost($"/{path}/{{id}}/token", (string eventId, string id, ClaimsPrincipal user, HttpRequest request, IMediator mediator, CancellationToken cancel) =>
                    ReplaceTokenAsync(new ReplaceParticipantToken(user.RequireActor(), eventId, kind, id, Revoke: false), request, mediator, cancel))
                .WithName($"Replace{kind}Token").WithSummary("Issue a new personal token and sign-in link (organiser); the old one stops working.");
            group.MapPost($"/{path}/{{id}}/token/mail", async (string eventId, string id, ClaimsPrincipal user, HttpRequest request, IMediator mediator, CancellationToken cancel) =>
                    TypedResults.Ok(await mediator.Send(new MailSignInLink(user.RequireActor(), eventId, kind, id, SignInApi.SiteOf(request)), cancel)))
                .WithName($"Mail{kind}SignInLink").ProducesProblem(StatusCodes.Status409Conflict)
                .WithSummary("Mail a new sign-in link to the participant's contact email, in its language (organiser); the old link stops working. 409 without an address or a mail server.");
            group.MapDelete($"/{path}/{{id}}/token", async (string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel) =>
                {
                    await mediator.Send(new ReplaceParticipantToken(user.RequireActor(), eventId, kind, id, Revoke: true), cancel);
                    return TypedResults.NoContent();
                })
                .WithName($"Revoke{kind}Token").WithSummary("Revoke the personal token (organiser): its sign-in link and sessions stop working.");
            group.MapGet($"/{path}/{{id}}/calendar-feed", (string eventId, string id, ClaimsPrincipal user, HttpRequest request, IMediator mediator, CancellationToken cancel) =>
                    FeedAsync(new GetCalendarFeed(user.RequireActor(), eventId, kind, id, Replace: false), path, request, mediator, cancel))
                .WithName($"{kind}CalendarFeed").WithSummary("The read-only agenda URL a calendar app subscribes to.");
            group.MapPost($"/{path}/{{id}}/calendar-feed", (string eventId, string id, ClaimsPrincipal user, HttpRequest request, IMediator mediator, CancellationToken cancel) =>
                    FeedAsync(new GetCalendarFeed(user.RequireActor(), eventId, kind, id, Replace: true), path, request, mediator, cancel))
                .WithName($"Replace{kind}CalendarFeed").WithSummary("A new calendar feed URL; the old one stops working.");
        }
        return routes;
    }

    public static async Task<Results<Created<SavedParticipant<StartupDocument>>, Ok<SavedParticipant<StartupDocument>>>> SaveStartupAsync(
        string eventId, string id, ParticipantBody<StartupProfile>? body, ClaimsPrincipal user, HttpRequest request, IMediator mediator, CancellationToken cancel) =>
        Answer(await mediator.Send(new SaveStartup(user.ToActor(), eventId, id, body), cancel), request, $"/api/events/{eventId}/startups/{id}");

    public static async Task<Results<Created<SavedParticipant<DelegateDocument>>, Ok<SavedParticipant<DelegateDocument>>>> SaveDelegateAsync(
        string eventId, string id, ParticipantBody<DelegateProfile>? body, ClaimsPrincipal user, HttpRequest request, IMediator mediator, CancellationToken cancel) =>
        Answer(await mediator.Send(new SaveDelegate(user.ToActor(), eventId, id, body), cancel), request, $"/api/events/{eventId}/delegates/{id}");

    public static async Task<Results<Ok<StartupDocument>, Ok<PublicParticipant<StartupProfile>>>> GetStartupAsync(
        string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel)
    {
        var read = await mediator.Send(new GetParticipant(user.RequireActor(), eventId, ParticipantKind.Startup, id), cancel);
        return read.Document is StartupDocument document ? TypedResults.Ok(document) : TypedResults.Ok((PublicParticipant<StartupProfile>)read.Public!);
    }

    public static async Task<Results<Ok<DelegateDocument>, Ok<PublicParticipant<DelegateProfile>>>> GetDelegateAsync(
        string eventId, string id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel)
    {
        var read = await mediator.Send(new GetParticipant(user.RequireActor(), eventId, ParticipantKind.Delegate, id), cancel);
        return read.Document is DelegateDocument document ? TypedResults.Ok(document) : TypedResults.Ok((PublicParticipant<DelegateProfile>)read.Public!);
    }

    public static async Task<Ok<Page<object>>> ListStartupsAsync(
        string eventId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel, int offset = 0, int limit = 50) =>
        TypedResults.Ok(await mediator.Send(new ListParticipants(user.RequireActor(), eventId, ParticipantKind.Startup, offset, limit), cancel));

    public static async Task<Ok<Page<object>>> ListDelegatesAsync(
        string eventId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancel, int offset = 0, int limit = 50) =>
        TypedResults.Ok(await mediator.Send(new ListParticipants(user.RequireActor(), eventId, ParticipantKind.Delegate, offset, limit), cancel));

    public static async Task<Ok<TokenIssued>> ReplaceTokenAsync(ReplaceParticipantToken command, HttpRequest request, IMediator mediator, CancellationToken cancel)
    {
        var token = (await mediator.Send(command, cancel))!;
        return TypedResults.Ok(new TokenIssued(token, SignInApi.LinkFor(request, token)));
    }

    public static async Task<Ok<CalendarFeed>> FeedAsync(GetCalendarFeed query, string path, HttpRequest request, IMediator mediator, CancellationToken cancel)
    {
        var token = await mediator.Send(query, cancel);
        return TypedResults.Ok(new CalendarFeed(
            $"{request.Scheme}://{request.Host}/api/events/{query.EventId}/{path}/{query.ParticipantId}/agenda.ics?{CredentialAuthenticationHandler.FeedQuery}={Uri.EscapeDataString(token)}"));
    }

    /// <summary>201 with the token when the save registered the participant; 200 for an update.</summary>
    private static Results<Created<SavedParticipant<T>>, Ok<SavedParticipant<T>>> Answer<T>(SavedParticipant<T> saved, HttpRequest request, string location) =>
        saved.Credentials is { } credentials
            ? TypedResults.Created(location, saved with { Credentials = credentials with { SignInLink = SignInApi.LinkFor(request, credentials.Token) } })
            : TypedResults.Ok(saved);
}

internal static class ParticipantPaths
{
    public static readonly (ParticipantKind Kind, string Path)[] All = [(ParticipantKind.Startup, "startups"), (ParticipantKind.Delegate, "delegates")];
}
