using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Activities;
using ResidentInsurance.Engine.Descriptors;

namespace ResidentInsurance.Host.Designer;

/// <summary>
/// Our activity library and settings in the shapes Elsa Studio 3.8 reads (camelCase, string enums, each list in
/// its own wrapper): activity descriptors generated from the activity classes, with their Chinese names and
/// categories, flow ports from their outcomes, and the department dropdown from the one department list.
/// </summary>
internal static class ElsaDescriptors
{
    public static JsonObject List(IEnumerable<JsonNode> items)
    {
        var array = new JsonArray([.. items]);
        return new JsonObject { ["items"] = array, ["count"] = array.Count };
    }

    /// <summary>Names of the policy scripts shipped (shared and per region), for EvaluatePolicy's dropdown.</summary>
    public static IReadOnlyList<string> PolicyScripts(string? workflows)
    {
        if (workflows is null || !Directory.Exists(workflows))
        {
            return [];
        }

        return [.. Directory.EnumerateDirectories(workflows).Select(d => Path.Combine(d, "policies")).Prepend(Path.Combine(workflows, "policies"))
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.js"))
            .Select(f => Path.GetFileNameWithoutExtension(f))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    private static readonly Dictionary<string, string> PolicyNames = new(StringComparer.Ordinal)
    {
        ["enrollment"] = "参保登记与缴费", ["refund"] = "退费", ["identity-change"] = "身份变更", ["subsidy-approval"] = "参保资助", ["student-roster"] = "学生名册",
    };

    public static JsonObject Activity(ActivityDescriptor d, IReadOnlyList<string> policies) => new()
    {
        ["typeName"] = d.TypeName,
        ["namespace"] = d.Namespace,
        ["name"] = d.Name,
        ["version"] = d.Version,
        ["category"] = d.Category,
        ["displayName"] = d.DisplayName,
        ["description"] = d.Description,
        ["inputs"] = new JsonArray([.. d.Inputs.Select(i => Input(i, policies))]),
        ["outputs"] = new JsonArray([.. d.Outputs.Select(o => (JsonNode)new JsonObject
        {
            ["name"] = o.Name, ["typeName"] = o.TypeName, ["displayName"] = o.DisplayName, ["description"] = o.Description,
            ["order"] = 0, ["isBrowsable"] = true, ["isSynthetic"] = false,
        })]),
        ["kind"] = d.Kind is "Trigger" or "Job" or "Task" ? d.Kind : "Action",
        ["ports"] = new JsonArray([.. d.Outcomes.Select(o => (JsonNode)new JsonObject { ["name"] = o, ["displayName"] = o, ["type"] = "Flow", ["isBrowsable"] = true })]),
        ["customProperties"] = new JsonObject(),
        ["constructionProperties"] = new JsonObject(),
        ["isContainer"] = false,
        ["isBrowsable"] = d.TypeName != "Elsa.Flowchart",
        ["isStart"] = d.TypeName == "Elsa.Start",
        ["isTerminal"] = d.TypeName == "Elsa.End",
    };

    private static JsonNode Input(InputDescriptor i, IReadOnlyList<string> policies)
    {
        var options = i.Options is { Count: > 0 } list ? list
            : i.OptionsProvider == "departments" ? Departments.All.Select(d => d.Code).ToList()
            : i.OptionsProvider == "policies" ? policies : null;
        return new JsonObject
        {
            ["name"] = i.Name,
            ["typeName"] = i.TypeName,
            ["displayName"] = i.DisplayName,
            ["description"] = i.Description,
            ["order"] = i.Order,
            ["isBrowsable"] = true,
            ["isSynthetic"] = false,
            ["isWrapped"] = i.IsWrapped,
            ["uiHint"] = i.UIHint,
            ["category"] = null,
            ["defaultValue"] = i.DefaultValue,
            ["defaultSyntax"] = i.DefaultSyntax,
            ["isReadOnly"] = false,
            ["isSensitive"] = false,
            ["storageDriverType"] = null,
            // Elsa's DropDownProps under the hint's name: { dropdown: { selectList: { items: [{ text, value }] } } }.
            ["uiSpecifications"] = options is null ? null : new JsonObject
            {
                [UIHints.Dropdown] = new JsonObject
                {
                    ["selectList"] = new JsonObject
                    {
                        ["items"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["text"] = Departments.Find(o)?.Name ?? (PolicyNames.TryGetValue(o, out var policy) ? $"{policy}（{o}）" : o), ["value"] = o })]),
                        ["isFlagsEnum"] = false,
                    },
                },
            },
        };
    }

    /// <summary>The expression syntaxes our engine evaluates (Jint for JavaScript).</summary>
    public static JsonObject Expressions() => List(new (string Type, string Name, string? Monaco)[]
    {
        ("Literal", "文本（字面值）", null), ("JavaScript", "JavaScript（政策表达式）", "javascript"), ("Variable", "变量", null), ("Object", "JSON 对象", "json"),
    }.Select(e => (JsonNode)new JsonObject
    {
        ["type"] = e.Type, ["displayName"] = e.Name, ["isSerializable"] = true, ["isBrowsable"] = true,
        ["properties"] = e.Monaco is null ? new JsonObject() : new JsonObject { ["MonacoLanguage"] = e.Monaco },
    }));

    /// <summary>One of each: what our engine does, named so an administrator sees it (the engine has no alternatives to choose).</summary>
    public static JsonObject Single(string nameKey, string name, string displayName, string description) =>
        List([new JsonObject { [nameKey] = name, ["displayName"] = displayName, ["description"] = description }]);

    public static JsonObject VariableTypes() => List(new[] { ("Object", "对象"), ("String", "文本"), ("Int32", "整数"), ("Int64", "金额（分）"), ("Boolean", "是/否"), ("DateOnly", "日期") }
        .Select(t => (JsonNode)new JsonObject { ["typeName"] = t.Item1, ["displayName"] = t.Item2, ["category"] = "基本类型", ["description"] = null }));

    public static JsonObject StorageDrivers() =>
        List([new JsonObject { ["typeName"] = "Workflow", ["displayName"] = "随流程实例保存", ["priority"] = 0, ["deprecated"] = false }]);
}
