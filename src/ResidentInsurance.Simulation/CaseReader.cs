using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Simulation;

/// <summary>
/// Reads simulation cases strictly, as the contract asks: unknown fields are errors, dates are real
/// dates, the ID number passes its GB 11643 checksum and carries the stated birth date. Missing
/// optional fields read as null / false / 0 / []. The normalised case is what the workflow sees.
/// </summary>
public static class CaseReader
{
    private static readonly string[] CaseFields = ["region", "benefitYear", "action", "person", "paidOn", "paidAmount", "requestedOn", "refundReason"];
    private static readonly string[] PersonFields = ["idNumber", "name", "birthDate", "identities", "liftedYear", "dischargedOn", "employeeInsuranceEndedOn", "yearsUninsured", "firstEnrollment"];
    private static readonly string[] IdentityFields = ["code", "recognizedOn"];

    /// <summary>Parses the text: one case or an array. Throws <see cref="CaseValidationException"/>.</summary>
    public static (IReadOnlyList<JsonObject> Cases, bool IsArray) Read(string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new CaseValidationException("$", $"malformed JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}");
        }

        return root switch
        {
            JsonArray array => (array.Select((c, i) => Normalise(c, $"[{i}]")).ToList(), true),
            JsonObject single => ([Normalise(single, "$")], false),
            _ => throw new CaseValidationException("$", "expected a case object or an array of cases"),
        };
    }

    private static JsonObject Normalise(JsonNode? node, string at)
    {
        var prefix = at == "$" ? "" : at + ".";
        if (node is not JsonObject obj)
        {
            throw new CaseValidationException(at, "expected a case object");
        }

        RejectUnknown(obj, CaseFields, prefix);
        var region = RequiredString(obj, "region", prefix);
        var action = RequiredString(obj, "action", prefix);
        if (!ContractCodes.Actions.Contains(action))
        {
            throw new CaseValidationException(prefix + "action", $"'{action}' is not enroll or refund");
        }

        var year = RequiredInt(obj, "benefitYear", prefix);
        if (year is < 1990 or > 2100)
        {
            throw new CaseValidationException(prefix + "benefitYear", $"{year} is not a plausible benefit year");
        }

        var person = obj["person"] as JsonObject ?? throw new CaseValidationException(prefix + "person", "is required and must be an object");
        var normalisedPerson = NormalisePerson(person, prefix + "person.");
        var refundReason = OptionalString(obj, "refundReason", prefix);
        if (refundReason is not null && !ContractCodes.RefundReasons.Contains(refundReason))
        {
            throw new CaseValidationException(prefix + "refundReason", $"'{refundReason}' is not one of {string.Join(", ", ContractCodes.RefundReasons)}");
        }

        var paidOn = OptionalDate(obj, "paidOn", prefix);
        if (paidOn is null)
        {
            throw new CaseValidationException(prefix + "paidOn", "is required (enroll: the payment date; refund: the date of the payment refunded)");
        }

        return new JsonObject
        {
            ["region"] = region,
            ["benefitYear"] = year,
            ["action"] = action,
            ["person"] = normalisedPerson,
            ["paidOn"] = paidOn,
            ["paidAmount"] = OptionalNumber(obj, "paidAmount", prefix),
            ["requestedOn"] = OptionalDate(obj, "requestedOn", prefix),
            ["refundReason"] = refundReason,
        };
    }

    private static JsonObject NormalisePerson(JsonObject person, string prefix)
    {
        RejectUnknown(person, PersonFields, prefix);
        var idText = RequiredString(person, "idNumber", prefix);
        if (!ResidentIdNumber.TryParse(idText, out var id, out var error))
        {
            throw new CaseValidationException(prefix + "idNumber", error);
        }

        var birthDate = OptionalDate(person, "birthDate", prefix) ?? throw new CaseValidationException(prefix + "birthDate", "is required");
        if (birthDate != id.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        {
            throw new CaseValidationException(prefix + "birthDate", $"{birthDate} differs from the birth date in the ID number ({id.BirthDate:yyyy-MM-dd})");
        }

        var identities = new JsonArray();
        if (person["identities"] is { } list)
        {
            if (list is not JsonArray array)
            {
                throw new CaseValidationException(prefix + "identities", "must be an array");
            }

            for (var i = 0; i < array.Count; i++)
            {
                var at = $"{prefix}identities[{i}].";
                var item = array[i] as JsonObject ?? throw new CaseValidationException($"{prefix}identities[{i}]", "must be an object");
                RejectUnknown(item, IdentityFields, at);
                var code = RequiredString(item, "code", at);
                if (!ContractCodes.Identities.Contains(code))
                {
                    throw new CaseValidationException(at + "code", $"unknown identity '{code}'");
                }

                identities.Add(new JsonObject { ["code"] = code, ["recognizedOn"] = OptionalDate(item, "recognizedOn", at) });
            }
        }

        var yearsUninsured = OptionalInt(person, "yearsUninsured", prefix) ?? 0;
        if (yearsUninsured < 0)
        {
            throw new CaseValidationException(prefix + "yearsUninsured", "must not be negative");
        }

        return new JsonObject
        {
            ["idNumber"] = id.Number,
            ["name"] = RequiredString(person, "name", prefix),
            ["birthDate"] = birthDate,
            ["identities"] = identities,
            ["liftedYear"] = OptionalInt(person, "liftedYear", prefix),
            ["dischargedOn"] = OptionalDate(person, "dischargedOn", prefix),
            ["employeeInsuranceEndedOn"] = OptionalDate(person, "employeeInsuranceEndedOn", prefix),
            ["yearsUninsured"] = yearsUninsured,
            ["firstEnrollment"] = OptionalBool(person, "firstEnrollment", prefix) ?? false,
        };
    }

    private static void RejectUnknown(JsonObject obj, string[] known, string prefix)
    {
        foreach (var (key, _) in obj)
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                throw new CaseValidationException(prefix + key, "unknown field");
            }
        }
    }

    private static string RequiredString(JsonObject obj, string name, string prefix) =>
        OptionalString(obj, name, prefix) is { Length: > 0 } value ? value : throw new CaseValidationException(prefix + name, "is required");

    private static string? OptionalString(JsonObject obj, string name, string prefix) => obj[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Trim(),
        _ => throw new CaseValidationException(prefix + name, "must be a string"),
    };

    private static int RequiredInt(JsonObject obj, string name, string prefix) =>
        OptionalInt(obj, name, prefix) ?? throw new CaseValidationException(prefix + name, "is required");

    private static int? OptionalInt(JsonObject obj, string name, string prefix) => obj[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) => i,
        _ => throw new CaseValidationException(prefix + name, "must be a whole number"),
    };

    private static bool? OptionalBool(JsonObject obj, string name, string prefix) => obj[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        _ => throw new CaseValidationException(prefix + name, "must be true or false"),
    };

    private static decimal? OptionalNumber(JsonObject obj, string name, string prefix) => obj[name] switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<decimal>(out var d) && d >= 0 && d < 100_000_000 => d,
        _ => throw new CaseValidationException(prefix + name, "must be a non-negative amount in yuan"),
    };

    private static string? OptionalDate(JsonObject obj, string name, string prefix)
    {
        var text = OptionalString(obj, name, prefix);
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : throw new CaseValidationException(prefix + name, $"'{text}' is not a date (YYYY-MM-DD)");
    }
}
