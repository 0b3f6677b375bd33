using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using MiniExcelLibs;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Host.Rosters;
using ResidentInsurance.Tests.Shared;

namespace ResidentInsurance.Host.Tests;

/// <summary>
/// Hostile input, generated (CsCheck), at the host's doors: mutated tax-feed batches (wrong types, huge numbers,
/// 2021-02-30, deep nesting, oversized strings, invalid UTF-8, cut short) are answered 400 naming the field — never
/// 500 (403 for a region not theirs) — and leave the store exactly as it was (a checksum of the workflow tables before and after); damaged
/// and random .xlsx files are refused with a reason, never an exception.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-hostile-");
    private readonly WebApplicationFactory<Program> _factory;

    public HostileInputTests()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Database}");
            b.UseSetting("Engine:WorkflowsDirectory", PlatformHome.FindWorkflows(null, AppContext.BaseDirectory)!);
            b.UseSetting("Engine:RunBackgroundServices", "false");
            b.UseSetting("Access:PasswordIterations", "1000");
        });
    }

    private string Database => Path.Combine(_folder.FullName, "hostile.db");

    public void Dispose()
    {
        _factory.Dispose();
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    /// <summary>SHA-256 over every row of the tables the workflows keep (the audit, which records refusals, aside).</summary>
    private string StoreChecksum()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in new[] { "workflow_instances", "bookmarks", "stimuli", "records", "journal", "outbox", "definition_versions" })
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    sha.AppendData(Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) + "\u001f"));
                }
            }
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    [Fact]
    public async Task Mutated_tax_feed_batches_are_refused_naming_the_field_and_leave_the_store_as_it_was()
    {
        var resident = CampaignTests.Id("611026", "1975-04-12", 71);
        var admin = _factory.CreateAdminClient();
        (await admin.PostAsJsonAsync("/api/instances", new
        {
            definitionId = "zhashui-enrollment",
            input = new { region = "zhashui", benefitYear = 2024, action = "enroll", paidOn = "2023-10-10", person = new { idNumber = resident, name = "张一", birthDate = "1975-04-12", identities = Array.Empty<object>() } },
        })).EnsureSuccessStatusCode();
        var feed = _factory.CreateClient();
        feed.DefaultRequestHeaders.Add("X-Api-Key", "demo-zhashui-tax-key");
        var valid = JsonSerializer.Serialize(new
        {
            region = "zhashui",
            notices = new[] { new { idNumber = resident, benefitYear = 2024, amountFen = 38000, paidOn = "2023-10-10", channel = "12366", transactionId = "TX-H1" } },
        });

        var samples = new List<(int At, int Kind)>();
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, HostileJson.Kinds - 1]).Sample(m => samples.Add(m), iter: 150, threads: 1);
        samples.Add((0, 7)); // the whole body one oversized string
        int refused = 0, accepted = 0;
        foreach (var (at, kind) in samples)
        {
            var before = StoreChecksum();
            var body = new ByteArrayContent(HostileJson.Mutate(valid, at, kind));
            body.Headers.ContentType = new("application/json");
            var response = await feed.PostAsync("/api/tax/payment-notices", body);
            var text = await response.Content.ReadAsStringAsync();
            // 403: the mutation named a region the feed may not write to (refused and audited, as any other).
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden, $"mutation ({at}, {kind}) answered {(int)response.StatusCode}: {text}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                refused++;
                Assert.Equal(before, StoreChecksum());
                var problem = JsonNode.Parse(text)!;
                Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>() ?? problem["title"]?.GetValue<string>()), text);
            }
            else
            {
                accepted++;
            }
        }

        Assert.True(refused > samples.Count / 4, $"{refused} refused, {accepted} accepted");
        // The resident's enrollment is either still waiting or was paid once by a batch the mutation left valid.
        var records = JsonNode.Parse(await admin.GetStringAsync($"/api/residents/{resident}/records?benefitYear=2024"))!.AsArray();
        Assert.True(records.Count(r => r!["eventName"]?.GetValue<string>() == "entitlement.recorded") <= 1);
    }

    [Fact]
    public async Task Mutated_Elsa_Studio_save_bodies_are_refused_or_saved_never_500_and_a_refusal_changes_nothing()
    {
        var admin = _factory.CreateAdminClient();
        admin.DefaultRequestHeaders.Add("X-Tenant-Id", "zhashui");
        var definition = JsonNode.Parse(await admin.GetStringAsync("/elsa/api/workflow-definitions/by-definition-id/zhashui-refund?versionOptions=Latest"))!;
        var valid = new JsonObject { ["model"] = definition.DeepClone(), ["publish"] = false }.ToJsonString();

        // Found by a CI run of this test: a number where the definition id goes answered 500.
        var numberId = definition.DeepClone().AsObject();
        numberId["definitionId"] = 284;
        var wrongType = await admin.PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = numberId, ["publish"] = false });
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Contains("model.definitionId", await wrongType.Content.ReadAsStringAsync());

        var samples = new List<(int At, int Kind)>();
        Gen.Select(Gen.Int[0, 3000], Gen.Int[0, HostileJson.Kinds - 1]).Sample(m => samples.Add(m), iter: 80, threads: 1);
        var refused = 0;
        foreach (var (at, kind) in samples)
        {
            var before = StoreChecksum();
            var body = new ByteArrayContent(HostileJson.Mutate(valid, at, kind));
            body.Headers.ContentType = new("application/json");
            var response = await admin.PostAsync("/elsa/api/workflow-definitions", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is 200 or 400 or 403 or 404, $"mutation ({at}, {kind}) answered {(int)response.StatusCode}: {text}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                refused++;
                Assert.Equal(before, StoreChecksum());
            }
        }

        Assert.True(refused > 5, $"only {refused} of {samples.Count} refused");
    }

    [Fact]
    public void Damaged_and_random_xlsx_files_are_refused_with_a_reason_never_an_exception()
    {
        using var good = new MemoryStream();
        good.SaveAs(new[] { new { 序号 = 1, 姓名 = "张低保", 身份证号码 = CampaignTests.Id("611026", "1966-05-09", 11), 人员类别 = "低保对象", 认定日期 = "2023-10-10", 增减类型 = "新增", 备注 = "" } }, sheetName: "花名册");
        var bytes = good.ToArray();
        Assert.True(RosterWorkbook.Read(new MemoryStream(bytes)).Accepted);

        var refused = 0;
        Gen.Select(Gen.Int[0, bytes.Length - 1], Gen.Int[0, 255], Gen.Int[0, 3]).Sample(m =>
        {
            var (at, value, how) = m;
            var damaged = how switch
            {
                0 => bytes[..at],                                                      // cut short
                1 => [.. bytes[..at], (byte)value, .. bytes[(at + 1)..]],              // one byte changed
                2 => Encoding.UTF8.GetBytes(new string((char)('A' + value % 26), at)), // not a workbook at all
                _ => [.. bytes[..at], .. new byte[value], .. bytes[at..]],             // bytes inserted
            };
            var import = RosterWorkbook.Read(new MemoryStream(damaged));
            if (!import.Accepted)
            {
                Assert.NotEmpty(import.Errors);
                Assert.All(import.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
                Interlocked.Increment(ref refused);
            }
            else
            {
                Assert.NotEmpty(import.Rows);
            }
        }, iter: 400, threads: 1);
        Assert.True(refused > 100, $"only {refused} damaged files refused");
    }
}
