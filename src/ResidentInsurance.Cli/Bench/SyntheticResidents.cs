using System.Globalization;
using System.Text.Json.Nodes;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Cli.Bench;

/// <summary>
/// Synthetic Zhashui residents for a season: valid ID numbers, the county's identity mix from document 003's
/// plan table (特困 1,814, 孤儿及事实无人抚养儿童 36, 低保 8,001, 脱贫 32,609, 监测户 539, 低保边缘 411 of 141,257),
/// and what each should pay for benefit year 2024 by 003 二 (computed here, independently of the policy script).
/// </summary>
internal static class SyntheticResidents
{
    public const long StandardFen = 38000;

    private static readonly (string? Identity, int Count, long DueFen, bool Proxy)[] Mix =
    [
        ("tekun", 1814, 0, true),
        ("orphan", 36, 0, true),
        ("dibao", 8001, 19000, false),
        ("poverty_lifted", 32609, StandardFen, false), // 脱贫人口: counted apart, no subsidy in 003
        ("monitored", 539, 19000, false),
        ("dibao_edge", 411, StandardFen, false),       // 低保边缘户: no subsidy in 003
    ];

    private const int Total = 141257;

    public sealed record Resident(int Index, string IdNumber, string BirthDate, string? Identity, long DueFen, bool Proxy, string Town)
    {
        public JsonObject Registration() => new()
        {
            ["region"] = "zhashui", ["benefitYear"] = 2024, ["action"] = "enroll", ["paidOn"] = "2023-10-10", ["town"] = Town,
            ["person"] = new JsonObject
            {
                ["idNumber"] = IdNumber, ["name"] = "居民" + Index.ToString(CultureInfo.InvariantCulture), ["birthDate"] = BirthDate,
                ["identities"] = Identity is null ? new JsonArray() : new JsonArray(new JsonObject { ["code"] = Identity, ["recognizedOn"] = "2023-03-01" }),
                ["liftedYear"] = Identity == "poverty_lifted" ? 2019 : null,
            },
        };
    }

    private static readonly string[] Towns = ["营盘镇", "乾佑街道办事处", "下梁镇", "小岭镇", "凤凰镇", "杏坪镇", "红岩寺镇", "瓦房口镇", "曹坪镇"];

    public static Resident Make(int index)
    {
        var birth = new DateOnly(1940, 1, 1).AddDays(index % 25000);
        var first17 = "611026" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (index / 25000 % 1000).ToString("000", CultureInfo.InvariantCulture);
        var id = first17 + ResidentIdNumber.ComputeCheckDigit(first17);
        var slot = (int)((index * 2654435761L) % Total); // spread the mix evenly over any prefix of the season
        string? identity = null;
        long due = StandardFen;
        var proxy = false;
        foreach (var m in Mix)
        {
            if (slot < m.Count)
            {
                (identity, due, proxy) = (m.Identity, m.DueFen, m.Proxy);
                break;
            }

            slot -= m.Count;
        }

        return new Resident(index, id, birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), identity, due, proxy, Towns[index % Towns.Length]);
    }
}
