using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using ResidentInsurance.Engine.Clock;

namespace ResidentInsurance.Engine.Activities;

/// <summary>Reads durations and instants from expression values.</summary>
internal static class TimeInputs
{
    /// <summary>"00:05:00", "3.00:00:00", ISO 8601 "P60D", or a number of milliseconds.</summary>
    public static TimeSpan ReadDuration(JsonNode? value, string origin)
    {
        switch (value)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                return TimeSpan.FromMilliseconds(v.GetValue<double>());
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                var text = v.GetValue<string>().Trim();
                if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
                {
                    return span;
                }

                if (text.StartsWith('P'))
                {
                    try
                    {
                        return XmlConvert.ToTimeSpan(text);
                    }
                    catch (FormatException)
                    {
                    }
                }

                break;
        }

        throw new ActivityFaultException("InvalidDuration", $"{origin}: '{value?.ToJsonString()}' is not a duration (use 00:05:00, P60D or milliseconds)");
    }

    /// <summary>An ISO date ("2021-07-01" = start of that day in China time) or date-time with offset.</summary>
    public static DateTimeOffset ReadInstant(JsonNode? value, string origin)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var text = v.GetValue<string>().Trim();
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return ChinaTime.StartOfDay(date);
            }

            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                return instant;
            }
        }

        throw new ActivityFaultException("InvalidDateTime", $"{origin}: '{value?.ToJsonString()}' is not a date (use 2021-07-01 or an ISO date-time)");
    }
}
