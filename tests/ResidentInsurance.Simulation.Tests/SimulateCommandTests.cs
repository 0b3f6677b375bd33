using System.Text.Json.Nodes;
using ResidentInsurance.Cli;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>
/// The command line as the contract describes it, run in-process on a demo region kept beside the
/// test (Demo/workflows): stdout carries only JSON, exit codes 0 / 2 / 3.
/// </summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ri-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private PlatformOptions Platform => new(Path.Combine(AppContext.BaseDirectory, "Demo", "workflows"), Path.Combine(_folder, "no-database-yet.db"));

    private async Task<(int Code, string Out, string Err)> RunAsync(string input)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["simulate", "--file", "-"], new StringReader(input), stdout, stderr, Platform);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Dibao(string region = "demo", string action = "enroll", string paidOn = "2021-02-10") =>
        $$"""
        { "region": "{{region}}", "benefitYear": 2021, "action": "{{action}}", "paidOn": "{{paidOn}}",
          "person": { "idNumber": "{{CaseReaderTests.ValidId}}", "name": "张三", "birthDate": "1985-03-15", "identities": [{ "code": "dibao", "recognizedOn": "2020-06-01" }] } }
        """;

    [Fact]
    public async Task A_case_runs_the_published_enrollment_as_a_dry_run_and_answers_in_yuan()
    {
        var (code, output, errors) = await RunAsync(Dibao());

        Assert.True(code == 0, errors);
        var result = JsonNode.Parse(output)!.AsObject();
        Assert.True(result["accepted"]!.GetValue<bool>());
        Assert.Equal("280.00", result["personalStandard"]!.ToJsonString());
        Assert.Equal("160.00", result["amountDue"]!.ToJsonString());
        Assert.Equal(("dibao", "120.00", "reduce_at_payment", "medical_assistance"),
            (result["subsidy"]!["identity"]!.GetValue<string>(), result["subsidy"]!["amount"]!.ToJsonString(), result["subsidy"]!["mode"]!.GetValue<string>(), result["subsidy"]!["fund"]!.GetValue<string>()));
        Assert.Equal("applied", result["evidence"]![0]!["outcome"]!.GetValue<string>());
        Assert.Equal(("2021-01-01", "2021-12-31"), (result["benefitStart"]!.GetValue<string>(), result["benefitEnd"]!.GetValue<string>()));
        Assert.Equal(("demo-enrollment", 1), (result["workflow"]!["definitionId"]!.GetValue<string>(), result["workflow"]!["version"]!.GetValue<int>()));
        Assert.Contains("低保对象定额资助", output);
        Assert.False(File.Exists(Platform.DatabasePath), "a simulation writes nothing");
    }

    [Fact]
    public async Task An_array_returns_an_array_in_order_and_a_refusal_is_a_result()
    {
        var (code, output, _) = await RunAsync($"[{Dibao()}, {Dibao(paidOn: "2021-05-01")}]");

        Assert.Equal(0, code);
        var results = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(2, results.Count);
        Assert.True(results[0]!["accepted"]!.GetValue<bool>());
        Assert.Equal(("outside_payment_window", false), (results[1]!["reason"]!.GetValue<string>(), results[1]!["accepted"]!.GetValue<bool>()));
        Assert.Null(results[1]!["amountDue"]);
    }

    [Fact]
    public async Task Malformed_input_exits_2_naming_the_field_and_prints_nothing_on_stdout()
    {
        var bad = Dibao().Replace(CaseReaderTests.ValidId, "520102198503150017");

        var (code, output, errors) = await RunAsync($"[{Dibao()}, {bad}]");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("[1].person.idNumber: checksum fails", errors);
    }

    [Fact]
    public async Task An_unknown_region_exits_2_and_a_region_without_the_published_process_exits_3()
    {
        var unknown = await RunAsync(Dibao(region: "atlantis"));
        var noRefund = await RunAsync(Dibao(action: "refund"));

        Assert.Equal(2, unknown.Code);
        Assert.Contains("region: unknown region 'atlantis'", unknown.Err);
        Assert.Equal(3, noRefund.Code);
        Assert.Contains("demo-refund", noRefund.Err);
        Assert.Equal("", noRefund.Out);
    }
}
