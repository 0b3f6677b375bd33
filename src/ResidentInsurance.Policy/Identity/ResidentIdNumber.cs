namespace ResidentInsurance.Policy.Identity;

/// <summary>
/// Resident ID numbers (居民身份证号码) per GB 11643-1999, checked by the host before any script runs:
/// 18 characters — a six-digit area code, the birth date YYYYMMDD, a three-digit sequence code (last digit
/// odd for men, even for women) and a check character ('0'–'9' or 'X'; a lowercase x is read as X).
/// The same rules, in the same order and with the same messages, as <c>idNumber.parse</c> in the policy
/// helper library.
/// </summary>
public static class ResidentIdNumber
{
    public const int Length = 18;

    private const string CheckCharacters = "10X98765432";

    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>
    /// The check character for the first 17 digits: the digits weighted by 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2,
    /// summed, and the sum modulo 11 indexing "10X98765432".
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="first17"/> is not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckDigit(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17 || first17.ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("expected 17 digits", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    /// <summary>
    /// Checks an ID number. On failure <paramref name="error"/> says what failed first: "is missing",
    /// "must be 18 characters", "must be 17 digits followed by a digit or X",
    /// "birth date 19850230 is not a date" or "checksum fails"; on success it is empty.
    /// </summary>
    public static bool TryParse(string? text, out ResidentIdInfo info, out string error)
    {
        info = default;
        if (text is null)
        {
            error = "is missing";
            return false;
        }

        if (text.Length != Length)
        {
            error = "must be 18 characters";
            return false;
        }

        var number = text[17] == 'x' ? string.Concat(text.AsSpan(0, 17), "X") : text;
        if (number.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(number[17]) || number[17] == 'X'))
        {
            error = "must be 17 digits followed by a digit or X";
            return false;
        }

        var year = Digits(number, 6, 4);
        var month = Digits(number, 10, 2);
        var day = Digits(number, 12, 2);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"birth date {number.Substring(6, 8)} is not a date";
            return false;
        }

        if (ComputeCheckDigit(number.AsSpan(0, 17)) != number[17])
        {
            error = "checksum fails";
            return false;
        }

        info = new ResidentIdInfo(
            number,
            number[..6],
            new DateOnly(year, month, day),
            (number[16] - '0') % 2 == 1 ? ResidentSex.Male : ResidentSex.Female,
            number[17]);
        error = string.Empty;
        return true;
    }

    /// <summary>Whether <see cref="TryParse"/> accepts the number.</summary>
    public static bool IsValid(string? text) => TryParse(text, out _, out _);

    private static int Digits(string text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }
}
