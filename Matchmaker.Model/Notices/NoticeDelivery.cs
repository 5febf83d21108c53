namespace Matchmaker.Model.Notices;

public static class NoticeDelivery
{
    /// <summary>Hands each participant its notices, one call per inbox.</summary>
    public static Task DeliverAsync(this IGrainFactory grains, string eventId, IEnumerable<AddressedNotice> notices) =>
        Task.WhenAll(notices.GroupBy(n => (n.Kind, n.ParticipantId)).Select(inbox =>
            grains.GetGrain<IInboxGrain>(IInboxGrain.KeyOf(eventId, inbox.Key.Kind, inbox.Key.ParticipantId))
                .DeliverAsync(inbox.Select(n => n.Notice).ToList())));
}
