using Matchmaker.Model.Domain;
using Matchmaker.Tests.Infrastructure;

namespace Matchmaker.Tests.Domain;

public sealed class ProfileTests
{
    [Fact]
    public void Valid_sample_profiles_have_no_errors()
    {
        Assert.True(Samples.Startup().Validate().IsValid, Samples.Startup().Validate().ToString());
        Assert.True(Samples.Delegate().Validate().IsValid, Samples.Delegate().Validate().ToString());
    }

    [Fact]
    public void A_startup_with_unknown_values_gets_one_error_per_field()
    {
        var startup = Samples.Startup() with
        {
            Name = "",
            Sectors = ["toys"],
            Stage = "series-z",
            Country = "Korea",
            Seeks = [],
            Website = "not a url",
            ContactEmail = "nobody",
        };

        var errors = startup.Validate().ToDictionary();

        Assert.Equal(
            ["ContactEmail", "Country", "Name", "Sectors", "Seeks", "Stage", "Website"],
            errors.Keys.Order());
        Assert.Contains("'toys' is not a known value", errors["Sectors"][0]);
    }

    [Fact]
    public void A_too_long_pitch_is_rejected_with_its_length()
    {
        var errors = (Samples.Startup() with { Pitch = new string('x', 2001) }).Validate().ToDictionary();

        Assert.Contains("2001", errors["Pitch"][0]);
    }

    [Fact]
    public void A_delegate_without_interests_or_a_cap_is_rejected()
    {
        var errors = (Samples.Delegate() with { Interests = [], MeetingsPerDayCap = 0, Countries = ["kr"] }).Validate().ToDictionary();

        Assert.Contains("Interests", errors.Keys);
        Assert.Contains("MeetingsPerDayCap", errors.Keys);
        Assert.Contains("Countries", errors.Keys);
    }

    [Fact]
    public void Availability_outside_the_event_names_the_slot()
    {
        var errors = new Availability([0, 5, 63]).Validate(slotCount: 42).ToDictionary();

        Assert.Contains("slot 63 is outside the event", errors["availability"][0]);
    }

    [Fact]
    public void No_availability_means_every_slot() => Assert.True(Availability.All.Includes(41));
}
