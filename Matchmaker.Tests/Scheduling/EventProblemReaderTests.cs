using System.Text;
using Matchmaker.Model.Scheduling;
using Matchmaker.Model.Scheduling.Events;

namespace Matchmaker.Tests.Scheduling;

public class EventProblemReaderTests
{
    private const string Good = """
        {
          "days": 1,
          "slotsPerDay": 4,
          "tables": 2,
          "startups": [
            { "id": "s1", "forbidden": [0] },
            { "id": "s2", "cap": 2 }
          ],
          "delegates": [
            { "id": "d1", "cap": 3, "capPerDay": 3 }
          ],
          "candidates": [
            { "startup": "s1", "delegate": "d1", "weight": 0.8 },
            { "startup": "s2", "delegate": "d1", "weight": 0.4 }
          ],
          "mustMeet": [ { "startup": "s2", "delegate": "d1" } ],
          "locked": [],
          "previous": [ { "startup": "s1", "delegate": "d1", "slot": 2 } ]
        }
        """;

    private static EventSchedulingProblem Read(string json) => EventProblemReader.Read("event.json", Encoding.UTF8.GetBytes(json));

    [Fact]
    public void A_valid_file_is_read_and_solved()
    {
        var problem = Read(Good);

        Assert.Equal(4, problem.Slots.Count);
        Assert.Equal(new HashSet<int> { 0 }, problem.Startups[0].Forbidden);
        Assert.Equal(3, problem.Delegates[0].CapPerDay);
        var schedule = EventScheduler.Solve(problem);
        Assert.Equal(2, schedule.Stats.Placed);
        Assert.Contains(schedule.Meetings, m => m is { Startup: "s1", Slot: 2 });
    }

    [Fact]
    public void An_unknown_delegate_in_a_candidate_names_its_line_and_field()
    {
        var bad = Good.Replace("""{ "startup": "s2", "delegate": "d1", "weight": 0.4 }""", """{ "startup": "s2", "delegate": "d9", "weight": 0.4 }""");

        var error = Assert.Throws<InstanceFormatException>(() => Read(bad));

        Assert.Equal("event.json line 14: $.candidates[1].delegate: unknown delegate \"d9\"", error.Message);
    }

    [Fact]
    public void A_slot_out_of_range_names_its_line_and_field()
    {
        var bad = Good.Replace("\"slot\": 2", "\"slot\": 7");

        var error = Assert.Throws<InstanceFormatException>(() => Read(bad));

        Assert.Equal(18, error.Line);
        Assert.Equal("$.previous[0].slot", error.Field);
    }

    [Fact]
    public void A_wrong_type_or_unknown_field_names_its_line()
    {
        var wrongType = Assert.Throws<InstanceFormatException>(() => Read(Good.Replace("\"tables\": 2", "\"tables\": \"two\"")));
        Assert.Equal(4, wrongType.Line);
        Assert.Equal("$.tables", wrongType.Field);

        var unknown = Assert.Throws<InstanceFormatException>(() => Read(Good.Replace("\"cap\": 2", "\"capp\": 2")));
        Assert.Equal(7, unknown.Line);
    }
}
