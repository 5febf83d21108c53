using Matchmaker.Model.Domain;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Domain;

public sealed class EventConfigTests
{
    [Fact]
    public void A_day_from_nine_to_five_with_an_hour_lunch_has_21_twenty_minute_slots_in_two_sessions()
    {
        var slots = EventSlots.From(Samples.Event(days: 1));

        Assert.Equal(21, slots.Count);
        Assert.Equal(9, slots.Count(s => s.Session == 0));
        Assert.Equal(new TimeOnly(13, 0), slots.First(s => s.Session == 1).Start);
        Assert.DoesNotContain(slots, s => s.Start < new TimeOnly(13, 0) && s.End > new TimeOnly(12, 0));
    }

    [Fact]
    public void Slots_are_numbered_across_the_week()
    {
        var slots = EventSlots.From(Samples.Event(days: 3));

        Assert.Equal(Enumerable.Range(0, 63), slots.Select(s => s.Index));
        Assert.Equal(2, slots[^1].DayIndex);
        Assert.Equal(new DateOnly(2027, 5, 12), slots[^1].Date);
    }

    [Fact]
    public void A_slot_starts_at_its_local_time_in_the_event_time_zone()
    {
        var config = Samples.Event();
        var first = EventSlots.From(config)[0];

        Assert.Equal(new DateTimeOffset(2027, 5, 10, 9, 0, 0, TimeSpan.FromHours(9)), EventSlots.StartsAt(config, first));
    }

    [Fact]
    public void A_valid_event_has_no_errors() => Assert.True(Samples.Event().Validate().IsValid);

    [Theory]
    [InlineData("TimeZone", "Mars/Olympus")]
    [InlineData("Name", "")]
    public void Bad_text_fields_are_named(string field, string value)
    {
        var config = field == "TimeZone" ? Samples.Event() with { TimeZone = value } : Samples.Event() with { Name = value };

        Assert.Contains(field, config.Validate().ToDictionary().Keys);
    }

    [Fact]
    public void An_end_before_the_start_and_a_break_outside_the_day_are_both_reported()
    {
        var config = Samples.Event() with
        {
            DailyEnd = new TimeOnly(8, 0),
            Breaks = [new TimeWindow(new TimeOnly(18, 0), new TimeOnly(19, 0))],
        };

        var errors = config.Validate().ToDictionary();

        Assert.Contains("DailyEnd", errors.Keys);
        Assert.Contains("Breaks", errors.Keys);
    }

    [Fact]
    public void Numbers_out_of_range_are_named()
    {
        var errors = (Samples.Event() with { Tables = 0, SlotMinutes = 1, RequestQuota = -1 }).Validate().ToDictionary();

        Assert.Contains("Tables", errors.Keys);
        Assert.Contains("SlotMinutes", errors.Keys);
        Assert.Contains("RequestQuota", errors.Keys);
    }
}
