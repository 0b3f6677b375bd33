using System.Text.Json.Nodes;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>Every shipped policy case holds on the published definitions; a wrong parameter is caught by name.</summary>
public sealed class PolicyCaseFileTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ri-cases-");

    public void Dispose() => _scratch.Delete(recursive: true);

    public static TheoryData<string> CaseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in PolicyCaseFiles.All(PolicyCaseFiles.Workflows))
        {
            data.Add(Path.GetRelativePath(PolicyCaseFiles.Workflows, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public async Task The_case_holds(string caseFile)
    {
        var differences = await PolicyCaseFiles.RunAsync(Path.Combine(PolicyCaseFiles.Workflows, caseFile), PolicyCaseFiles.Workflows, _scratch.FullName);

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void Each_region_with_cases_cites_its_document_and_clause_in_every_case()
    {
        var files = PolicyCaseFiles.All(PolicyCaseFiles.Workflows).ToList();

        Assert.NotEmpty(files);
        Assert.All(files, f =>
        {
            var source = JsonNode.Parse(File.ReadAllText(f))!["source"];
            Assert.False(string.IsNullOrWhiteSpace(source?["document"]?.GetValue<string>()), f);
            Assert.False(string.IsNullOrWhiteSpace(source?["clause"]?.GetValue<string>()), f);
        });
    }

    [Theory]
    [InlineData("pubei", "\"percentBp\": 6000", "\"percentBp\": 5000", "poverty-lifted-2017-sixty-percent")]
    [InlineData("zhashui", "\"amountFen\": 19000, \"fund\": \"medical_assistance\"", "\"amountFen\": 18000, \"fund\": \"medical_assistance\"", "in-period-dibao,multi-identity-equal-190-fund-unset,multi-identity-tekun-over-dibao,recognized-after-payment-pay-back,recognized-in-benefit-year-counts-next-year,refund-dibao-duplicate-payment,refund-subsidy-after-recognition")]
    [InlineData("liuzhou", "\"to\": \"2020-12-31\"", "\"to\": \"2020-12-30\"", "collection-last-day")]
    [InlineData("zhashui", "\"windowDays\": 90", "\"windowDays\": 89", "newborn-day-90")]
    public async Task A_wrong_parameter_fails_exactly_the_cases_that_depend_on_it(string region, string from, string to, string failing)
    {
        var copy = Path.Combine(_scratch.FullName, "workflows");
        PolicyCaseFiles.CopyDirectory(PolicyCaseFiles.Workflows, copy);
        var regionFile = Path.Combine(copy, "regions", region + ".json");
        var text = File.ReadAllText(regionFile);
        Assert.Contains(from, text);
        File.WriteAllText(regionFile, text.Replace(from, to));

        var failed = new List<string>();
        foreach (var file in PolicyCaseFiles.All(copy).Where(f => f.Contains($"{region}{Path.DirectorySeparatorChar}cases")))
        {
            if ((await PolicyCaseFiles.RunAsync(file, copy, _scratch.FullName)).Count > 0)
            {
                failed.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        Assert.Equal(failing.Split(',', StringSplitOptions.RemoveEmptyEntries).Order(), failed.Order());
    }

    [Fact]
    public async Task A_wrong_late_price_in_Guizhou_fails_exactly_the_cases_that_pay_it()
    {
        var copy = Path.Combine(_scratch.FullName, "workflows");
        PolicyCaseFiles.CopyDirectory(PolicyCaseFiles.Workflows, copy);
        var regionFile = Path.Combine(copy, "regions", "guizhou.json");
        File.WriteAllText(regionFile, File.ReadAllText(regionFile).Replace("\"latePriceFen\": { \"value\": 83000", "\"latePriceFen\": { \"value\": 80000"));

        var failed = new List<string>();
        foreach (var file in PolicyCaseFiles.All(copy).Where(f => f.Contains($"guizhou{Path.DirectorySeparatorChar}cases")))
        {
            if ((await PolicyCaseFiles.RunAsync(file, copy, _scratch.FullName)).Count > 0)
            {
                failed.Add(Path.GetFileNameWithoutExtension(file));
            }
        }

        var paysLatePrice = PolicyCaseFiles.All(copy)
            .Where(f => f.Contains($"guizhou{Path.DirectorySeparatorChar}cases"))
            .Where(f => JsonNode.Parse(File.ReadAllText(f))!["expected"]?["amountDue"]?.GetValue<decimal>() == 830m)
            .Select(Path.GetFileNameWithoutExtension)
            .ToList();
        Assert.NotEmpty(paysLatePrice);
        Assert.Equal(paysLatePrice.Order(), failed.Order());
    }
}
