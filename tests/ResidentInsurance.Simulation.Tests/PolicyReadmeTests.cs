using System.Text.Json.Nodes;

namespace ResidentInsurance.Simulation.Tests;

/// <summary>Each parameter a notice leaves open (unset) or that carries a chosen reading (interpretation) is listed in the README's policy section.</summary>
public sealed class PolicyReadmeTests
{
    public static TheoryData<string> Regions() => new() { "guizhou", "zhashui", "pubei", "liuzhou" };

    [Theory]
    [MemberData(nameof(Regions))]
    public void Every_open_or_interpreted_parameter_is_named_in_the_README(string region)
    {
        var workflows = PolicyCaseFiles.Workflows;
        var readme = File.ReadAllText(Path.Combine(workflows, "..", "README.md"));
        var section = readme[readme.IndexOf("## Policy interpretations", StringComparison.Ordinal)..];
        var document = JsonNode.Parse(File.ReadAllText(Path.Combine(workflows, "regions", region + ".json")))!.AsObject();
        var open = new List<string>();
        foreach (var (year, settings) in document["years"]!.AsObject())
        {
            Walk(settings, $"{region}/{year}", open);
        }

        Assert.NotEmpty(open);
        var unlisted = open.Where(path => !section.Contains($"`{path}`", StringComparison.Ordinal) && !section.Contains($"`{Wildcard(path)}`", StringComparison.Ordinal)
            && !section.Contains($"`{path}` ", StringComparison.Ordinal) && !ListedUnder(section, path)).ToList();
        Assert.True(unlisted.Count == 0, "not in the README's policy section: " + string.Join(", ", unlisted));
    }

    /// <summary>Guizhou's older rows name a parent (e.g. <c>subsidies/poverty_registered/split</c> for its unset shares).</summary>
    private static bool ListedUnder(string section, string path)
    {
        for (var cut = path.LastIndexOf('/'); cut > 0; cut = path.LastIndexOf('/', cut - 1))
        {
            if (section.Contains($"`{path[..cut]}`", StringComparison.Ordinal) && path[..cut].Count(c => c == '/') >= 3)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>liuzhou/2021/subsidies/dibao/kind</c> → <c>liuzhou/2021/subsidies/*/kind</c>.</summary>
    private static string Wildcard(string path)
    {
        var parts = path.Split('/');
        if (parts.Length == 5 && parts[2] == "subsidies")
        {
            parts[3] = "*";
        }

        return string.Join('/', parts);
    }

    private static void Walk(JsonNode? node, string path, List<string> open)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["unset"]?.GetValue<bool>() == true || obj["interpretation"]?.GetValue<bool>() == true)
                {
                    open.Add(path);
                }

                foreach (var (key, child) in obj)
                {
                    if (key != "value")
                    {
                        Walk(child, $"{path}/{key}", open);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var id = array[i] is JsonObject item && item["id"] is JsonValue v ? v.GetValue<string>() : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Walk(array[i], $"{path}/{id}", open);
                }

                break;
        }
    }
}
