namespace ResidentInsurance.Policy.Tests.Support;

/// <summary>Builds resident ID numbers for tests, computing the GB 11643-1999 check character independently.</summary>
internal static class ResidentIds
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    public static char Check(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return "10X98765432"[sum % 11];
    }

    /// <summary>A valid number from an area code, a birth date YYYYMMDD and a three-digit sequence code.</summary>
    public static string Make(string area, string birth, string sequence)
    {
        var first17 = area + birth + sequence;
        return first17 + Check(first17);
    }

    /// <summary>A valid number whose check character is X.</summary>
    public static string MakeEndingInX(string area, string birth)
    {
        for (var sequence = 0; sequence < 1000; sequence++)
        {
            var first17 = area + birth + sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            if (Check(first17) == 'X')
            {
                return first17 + 'X';
            }
        }

        throw new InvalidOperationException("no sequence code gives X");
    }

    /// <summary>The number with one digit of the sequence code changed, so the check character no longer fits.</summary>
    public static string WithChangedDigit(string id)
    {
        var chars = id.ToCharArray();
        chars[15] = chars[15] == '9' ? '0' : (char)(chars[15] + 1);
        return new string(chars);
    }
}
