using Matchmaker.Model.Import;

namespace Matchmaker.Tests.Import;

public sealed class ParticipantsCsvTests
{
    private const string Header = "kind,id,name,sectors,stage,country,city,seeks,company,company_sector,interests,meetings_per_day,availability";

    [Fact]
    public void A_good_file_yields_startups_and_delegates_with_lists_and_slot_ranges()
    {
        var file = Read(
            Header,
            "startup,nuvi,Nuvi Robotics,hardware;semiconductor,seed,KOR,Seoul,investment,,,,,0-2;7",
            "delegate,jpark,Jiwoo Park,,,,,partnership,Samsung,hardware,semiconductor;mobile,6,");

        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        var startup = Assert.Single(file.Startups);
        Assert.Equal(["hardware", "semiconductor"], startup.Profile.Sectors);
        Assert.Equal([0, 1, 2, 7], startup.Availability.Slots!);
        var person = Assert.Single(file.Delegates);
        Assert.Equal(6, person.Profile.MeetingsPerDayCap);
        Assert.Null(person.Availability.Slots);
    }

    [Fact]
    public void Every_bad_row_is_reported_with_its_line_and_column_and_no_row_is_kept()
    {
        var file = Read(
            Header,
            "startup,ok,Fine Co,web,seed,USA,,investment,,,,,",
            "startup,bad1,Bad Sector,toys,seed,USA,,investment,,,,,",
            "robot,bad2,Who,web,seed,USA,,investment,,,,,",
            "delegate,bad3,Scout,,,,,partnership,Acme,web,web,lots,99",
            "startup,ok,Twice,web,seed,USA,,investment,,,,,");

        Assert.False(file.IsValid);
        Assert.Empty(file.Startups);
        Assert.Empty(file.Delegates);
        Assert.Contains(file.Errors, e => e is { Line: 3, Column: "sectors" });
        Assert.Contains(file.Errors, e => e is { Line: 4, Column: "kind" });
        Assert.Contains(file.Errors, e => e is { Line: 5, Column: "meetings_per_day" } && e.Reason.Contains("'lots'"));
        Assert.Contains(file.Errors, e => e is { Line: 5, Column: "availability" } && e.Reason.Contains("outside the event"));
        Assert.Contains(file.Errors, e => e is { Line: 6, Column: "id" } && e.Reason.Contains("line 2"));
    }

    [Fact]
    public void A_header_without_required_columns_or_with_unknown_ones_is_named()
    {
        var file = Read("kind,name,colour", "startup,x,blue");

        Assert.Contains(file.Errors, e => e is { Line: 1, Column: "id" });
        Assert.Contains(file.Errors, e => e is { Line: 1, Column: "colour" });
    }

    [Fact]
    public void A_row_with_too_many_fields_is_named()
    {
        var file = Read(Header, "startup,ok,Fine Co,web,seed,USA,,investment,,,,,,extra");

        Assert.Contains(file.Errors, e => e.Line == 2 && e.Reason.Contains("fields"));
    }

    [Fact]
    public void An_empty_file_is_rejected() => Assert.False(Read("").IsValid);

    private static ParticipantsFile Read(params string[] lines) =>
        ParticipantsCsv.Read(new StringReader(string.Join("\n", lines)), slotCount: 42);
}
