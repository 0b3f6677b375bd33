using System.Text.Json.Nodes;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>The campaign tables entered from the notices add up to the totals the notices print.</summary>
public sealed class CampaignParameterTests
{
    private static JsonObject Campaign(string region, string year) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(PolicyCaseFiles.Workflows, "regions", region + ".json")))!["years"]![year]!["campaign"]!.AsObject();

    [Fact]
    public void Pubei_17_towns_add_up_to_825000_and_funding_falls_with_the_completion_date()
    {
        var campaign = Campaign("pubei", "2020");
        var towns = campaign["towns"]!.AsArray();
        Assert.Equal(17, towns.Count);
        Assert.Equal(campaign["totalTaskNumber"]!.GetValue<int>(), towns.Sum(t => t!["taskNumber"]!.GetValue<int>()));
        Assert.Equal(825000, campaign["totalTaskNumber"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, 17), towns.Select(t => t!["serial"]!.GetValue<int>()).Order());

        var schedule = campaign["workFunding"]!["townSchedule"]!.AsArray().Select(s => (By: s!["completedBy"]!.GetValue<string>(), Fen: s["fenPerPerson"]!.GetValue<int>())).ToList();
        Assert.Equal(schedule.OrderBy(s => s.By, StringComparer.Ordinal), schedule);
        Assert.Equal(schedule.OrderByDescending(s => s.Fen), schedule);
        Assert.Equal([120, 110, 100, 50], schedule.Select(s => s.Fen));
        Assert.Equal(30, campaign["workFunding"]!["bureauFenPerPerson"]!.GetValue<int>());
    }

    [Fact]
    public void Zhashui_nine_towns_add_up_to_every_total_of_the_plan_table()
    {
        var campaign = Campaign("zhashui", "2024");
        var towns = campaign["towns"]!.AsArray();
        Assert.Equal(9, towns.Count);
        Assert.Equal(141257, towns.Sum(t => t!["taskNumber"]!.GetValue<int>()));
        var totals = campaign["totals"]!;
        Assert.Equal(totals["ruralPopulation2021"]!.GetValue<int>(), towns.Sum(t => t!["ruralPopulation2021"]!.GetValue<int>()));
        Assert.Equal(totals["insured2022"]!.GetValue<int>(), towns.Sum(t => t!["insured2022"]!.GetValue<int>()));
        foreach (var (group, total) in totals["specialGroups"]!.AsObject())
        {
            Assert.Equal(total!.GetValue<int>(), towns.Sum(t => t!["specialGroups"]![group]!.GetValue<int>()));
        }
    }
}
