using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using MiniExcelLibs;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Host.Tests;

/// <summary>
/// Population what-if: a draft of Guizhou's enrollment that raises the late price (002 三: 830 元) to 900 元, run with
/// a roster beside the published version — totals by identity and fund, and exactly the people whose amount changes.
/// </summary>
public sealed class WhatIfTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-whatif-");
    private readonly WebApplicationFactory<Program> _factory;

    public WhatIfTests()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "whatif.db")}");
            b.UseSetting("Engine:WorkflowsDirectory", PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!);
            b.UseSetting("Engine:RunBackgroundServices", "false");
            b.UseSetting("Access:PasswordIterations", "1000");
        });
    }

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static string Id(string birthDate, int sequence)
    {
        var first17 = "520102" + birthDate.Replace("-", "", StringComparison.Ordinal) + sequence.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckDigit(first17);
    }

    private static JsonObject Case(string idNumber, string name, string paidOn, params (string Code, string RecognizedOn)[] identities) => new()
    {
        ["region"] = "guizhou", ["benefitYear"] = 2021, ["action"] = "enroll", ["paidOn"] = paidOn,
        ["person"] = new JsonObject
        {
            ["idNumber"] = idNumber, ["name"] = name, ["birthDate"] = $"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}",
            ["identities"] = new JsonArray([.. identities.Select(i => (JsonNode)new JsonObject { ["code"] = i.Code, ["recognizedOn"] = i.RecognizedOn })]),
        },
    };

    /// <summary>Saves a draft (v2) whose 政策计算 adjusts the late price to 900 元.</summary>
    private static async Task SaveLatePriceDraftAsync(HttpClient admin)
    {
        var definition = JsonNode.Parse(await admin.GetStringAsync("/api/definitions/guizhou-enrollment"))!.AsObject();
        var evaluate = definition["root"]!["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == "evaluate")!;
        evaluate["parameters"] = new JsonObject { ["typeName"] = "Object", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "({ 'years/2021/latePriceFen': 90000 })" } };
        var saved = await admin.PostAsync("/api/definitions", new StringContent(definition.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_roster_through_a_draft_and_the_published_version_shows_totals_and_exactly_the_people_whose_result_changes()
    {
        var admin = _factory.CreateAdminClient();
        await SaveLatePriceDraftAsync(admin);
        var roster = new JsonArray(
            Case(Id("1985-03-15", 11), "张三", "2021-02-10"),                                  // in the period: 280 either way (002 一)
            Case(Id("1986-04-16", 12), "李四", "2021-05-01"),                                  // late: 830 → 900 (002 三)
            Case(Id("1987-05-17", 13), "王五", "2021-06-01"),                                  // late: 830 → 900
            Case(Id("1950-06-18", 14), "赵低保", "2021-02-10", ("dibao", "2020-10-01")));      // in the period with a subsidy

        var response = await admin.PostAsync("/api/definitions/guizhou-enrollment/what-if", new StringContent(roster.ToJsonString(), Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var result = JsonNode.Parse(text)!;

        Assert.Equal((4, 1, 2), (result["people"]!.GetValue<int>(), result["published"]!["version"]!.GetValue<int>(), result["candidate"]!["version"]!.GetValue<int>()));
        var before = result["published"]!["amountDue"]!.GetValue<decimal>();
        var after = result["candidate"]!["amountDue"]!.GetValue<decimal>();
        Assert.Equal(140m, after - before);
        Assert.Equal(result["published"]!["subsidy"]!.GetValue<decimal>(), result["candidate"]!["subsidy"]!.GetValue<decimal>());
        Assert.Equal(1, result["published"]!["byIdentity"]!["dibao"]!["people"]!.GetValue<int>());
        Assert.True(result["published"]!["byFund"]!.AsObject().Count >= 1);
        Assert.Equal(3, result["published"]!["byIdentity"]!["none"]!["people"]!.GetValue<int>());

        var changed = result["changed"]!.AsArray();
        Assert.Equal([2, 3], changed.Select(c => c!["row"]!.GetValue<int>()));
        Assert.All(changed, c =>
        {
            Assert.Equal(["amountDue"], c!["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
            Assert.Equal((830m, 900m), (c["published"]!["amountDue"]!.GetValue<decimal>(), c["candidate"]!["amountDue"]!.GetValue<decimal>()));
            Assert.Contains("********", c["idNumber"]!.GetValue<string>());
        });
        Assert.Empty(result["errors"]!.AsArray());

        // Nothing was published or written: the next simulation still charges 830 with version 1.
        var simulated = JsonNode.Parse(await (await admin.PostAsync("/api/simulations", new StringContent(roster[1]!.ToJsonString(), Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync())!;
        Assert.Equal((830m, 1), (simulated["amountDue"]!.GetValue<decimal>(), simulated["workflow"]!["version"]!.GetValue<int>()));
        Assert.Contains(JsonNode.Parse(await admin.GetStringAsync("/api/audit"))!.AsArray(), e => e!["action"]!.GetValue<string>() == "definition.what-if" && e["detail"]!.GetValue<string>() == "4 人，2 人结果变化");
    }

    [Fact]
    public async Task A_花名册_workbook_is_a_roster_too_and_bad_input_is_named()
    {
        var admin = _factory.CreateAdminClient();
        await SaveLatePriceDraftAsync(admin);
        using var stream = new MemoryStream();
        stream.SaveAs(new object[]
        {
            new Dictionary<string, object> { ["序号"] = 1, ["姓名"] = "钱低保", ["身份证号码"] = Id("1960-01-02", 21), ["人员类别"] = "低保对象", ["认定日期"] = "2021-04-01", ["备注"] = "" },
            new Dictionary<string, object> { ["序号"] = 2, ["姓名"] = "孙低保", ["身份证号码"] = Id("1961-02-03", 22), ["人员类别"] = "低保对象", ["认定日期"] = "2021-04-02", ["备注"] = "" },
        }, sheetName: "花名册");
        ByteArrayContent Workbook()
        {
            var content = new ByteArrayContent(stream.ToArray());
            content.Headers.ContentType = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            return content;
        }

        // 低保 recognised after the period pays the late price with no dynamic enrollment (002 四(三)2): 830 → 900.
        var response = await admin.PostAsync("/api/definitions/guizhou-enrollment/what-if?benefitYear=2021&paidOn=2021-05-01", Workbook());
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var result = JsonNode.Parse(text)!;
        Assert.Equal(2, result["people"]!.GetValue<int>());
        Assert.Equal(2, result["changedCount"]!.GetValue<int>());

        Assert.Contains("paidOn", await (await admin.PostAsync("/api/definitions/guizhou-enrollment/what-if?benefitYear=2021", Workbook())).Content.ReadAsStringAsync());
        var otherRegion = new JsonArray(Case(Id("1985-03-15", 11), "张三", "2021-02-10"));
        otherRegion[0]!["region"] = "zhashui";
        otherRegion[0]!["benefitYear"] = 2024;
        var refused = await admin.PostAsync("/api/definitions/guizhou-enrollment/what-if", new StringContent(otherRegion.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("[0].region", await refused.Content.ReadAsStringAsync());
        var badId = new JsonArray(Case(Id("1985-03-15", 11)[..17] + "0", "张三", "2021-02-10"));
        Assert.Contains("idNumber", await (await admin.PostAsync("/api/definitions/guizhou-enrollment/what-if", new StringContent(badId.ToJsonString(), Encoding.UTF8, "application/json"))).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync("/api/definitions/guizhou-identity-change/what-if", new StringContent("[]", Encoding.UTF8, "application/json"))).StatusCode);
    }
}
