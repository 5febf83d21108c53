using Matchmaker.Model.Scheduling;
using Matchmaker.Model.Scheduling.Exact;

namespace Matchmaker.Tests.Scheduling;

public class DznReaderTests
{
    private const string Good = """
        % a tiny instance
        nBusiness = 3;
        nMeetings = 2;
        nTables = 1;
        nTotalSlots = 4;
        nMorningSlots = 2;
        requested = [|1, 2, 1,
        |2, 3, 3,
        |];
        forbidden = [{0}, {3..4}, {}];
        fixed = [0, 2];
        precedences = [{}, {1}];
        """;

    [Fact]
    public void A_real_instance_file_is_read_with_its_sizes()
    {
        var instance = Instances.Read("tic-12");

        Assert.Equal("tic-12", instance.Name);
        Assert.Equal(42, instance.Participants);
        Assert.Equal(125, instance.Meetings.Count);
        Assert.Equal(21, instance.Tables);
        Assert.Equal(8, instance.Slots);
        Assert.Equal(8, instance.MorningSlots);
        Assert.Equal(new RequestedMeeting(1, 8, Session.Either), instance.Meetings[0]);
    }

    [Fact]
    public void Sets_ranges_fixed_slots_and_precedences_are_read()
    {
        var instance = DznReader.Read("tiny.dzn", "tiny", Good);

        Assert.Equal(Session.Morning, instance.Meetings[0].Session);
        Assert.Empty(instance.Forbidden[0]); // {0} means nothing forbidden
        Assert.Equal(new HashSet<int> { 3, 4 }, instance.Forbidden[1]);
        Assert.Equal([0, 2], instance.Fixed);
        Assert.Equal([1], instance.Precedences[1]);
    }

    [Fact]
    public void A_row_with_too_few_values_names_its_line_and_field()
    {
        var bad = Good.Replace("|2, 3, 3,", "|2, 3,");

        var error = Assert.Throws<InstanceFormatException>(() => DznReader.Read("tiny.dzn", "tiny", bad));

        Assert.Equal("tiny.dzn line 8: requested: expected 3 values per row, found 2", error.Message);
    }

    [Fact]
    public void A_participant_out_of_range_names_its_line_and_field()
    {
        var bad = Good.Replace("|2, 3, 3,", "|2, 9, 3,");

        var error = Assert.Throws<InstanceFormatException>(() => DznReader.Read("tiny.dzn", "tiny", bad));

        Assert.Equal(8, error.Line);
        Assert.Equal("requested", error.Field);
        Assert.Contains("participant 9", error.Message);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        var bad = Good.Replace("nTables = 1;", "");

        var error = Assert.Throws<InstanceFormatException>(() => DznReader.Read("tiny.dzn", "tiny", bad));

        Assert.Equal("nTables", error.Field);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public void A_word_where_a_number_belongs_names_its_line()
    {
        var bad = Good.Replace("nTotalSlots = 4;", "nTotalSlots = four;");

        var error = Assert.Throws<InstanceFormatException>(() => DznReader.Read("tiny.dzn", "tiny", bad));

        Assert.Equal(5, error.Line);
        Assert.Equal("nTotalSlots", error.Field);
    }

    [Fact]
    public void A_forbidden_list_of_the_wrong_length_names_the_field()
    {
        var bad = Good.Replace("forbidden = [{0}, {3..4}, {}];", "forbidden = [{0}, {3..4}];");

        var error = Assert.Throws<InstanceFormatException>(() => DznReader.Read("tiny.dzn", "tiny", bad));

        Assert.Equal(10, error.Line);
        Assert.Equal("tiny.dzn line 10: forbidden: expected 3 entries, found 2", error.Message);
    }
}
