using System.Text;
using System.Text.Json;

namespace Matchmaker.Model.Scheduling;

/// <summary>One JSON object on one line: the output format of <c>solve</c> in both modes.</summary>
internal static class JsonLine
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
