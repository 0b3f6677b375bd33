using System.Security.Cryptography;
using System.Text;

namespace ResidentInsurance.Host.Access;

/// <summary>
/// Passwords as PBKDF2-SHA256 hashes (<c>pbkdf2-sha256$iterations$salt$hash</c>, base64), API keys as SHA-256
/// hashes (a key is long and random, so a fast hash is enough and lets the key be looked up).
/// </summary>
internal static class Secrets
{
    private const string Scheme = "pbkdf2-sha256";

    public static string HashPassword(string password, int iterations, byte[]? salt = null)
    {
        salt ??= RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
        return $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    public static bool VerifyPassword(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], out var iterations) || iterations < 1)
        {
            return false;
        }

        var salt = Convert.FromBase64String(parts[2]);
        var expected = Convert.FromBase64String(parts[3]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    public static string HashApiKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
