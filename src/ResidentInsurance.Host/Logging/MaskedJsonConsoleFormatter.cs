using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ResidentInsurance.Host.Logging;

/// <summary>
/// Structured logs, one JSON object per line (time, level, category, event, message, the message's named
/// values, exception), with every resident ID number masked — in the message, the values and the exception.
/// </summary>
internal sealed class MaskedJsonConsoleFormatter(TimeProvider clock) : ConsoleFormatter(Name)
{
    public new const string Name = "masked-json";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public override void Write<TState>(in LogEntry<TState> entry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = entry.Formatter?.Invoke(entry.State, entry.Exception);
        if (message is null && entry.Exception is null)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("time", clock.GetUtcNow().ToString("O"));
            json.WriteString("level", entry.LogLevel.ToString());
            json.WriteString("category", entry.Category);
            if (entry.EventId.Id != 0)
            {
                json.WriteNumber("eventId", entry.EventId.Id);
            }

            json.WriteString("message", IdNumberMasking.Mask(message ?? ""));
            if (entry.State is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                json.WriteStartObject("values");
                foreach (var (key, value) in values.Where(v => v.Key != "{OriginalFormat}"))
                {
                    json.WriteString(key, IdNumberMasking.Mask(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                }

                json.WriteEndObject();
            }

            if (entry.Exception is not null)
            {
                json.WriteString("exception", IdNumberMasking.Mask(entry.Exception.ToString()));
            }

            json.WriteEndObject();
        }

        textWriter.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
