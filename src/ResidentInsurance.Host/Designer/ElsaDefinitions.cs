using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Host.Designer;

/// <summary>
/// Our definition versions in Elsa Studio's shapes and back. The document itself is Elsa 3 JSON already (it
/// round-trips untouched); the lifecycle fields come from the version, and the links tell the Studio what it may
/// do (a latest version with a <c>publish</c> link opens for editing). A saved model goes back to the region the
/// definition belongs to, never to one the Studio names.
/// </summary>
internal static class ElsaDefinitions
{
    /// <summary>Fields the server gives a definition (lifecycle and the Studio's), never part of what an administrator edits.</summary>
    public static readonly string[] Lifecycle = ["id", "version", "isLatest", "isPublished", "createdAt", "links", "toolVersion", "materializerName", "materializerContext", "providerName", "isReadonly", "isMaterializerAvailable"];

    public static JsonObject Definition(DefinitionVersion v)
    {
        var document = JsonNode.Parse(v.Json) as JsonObject ?? [];
        var o = Summary(v, document);
        o["toolVersion"] = "3.8.0";
        o["options"] = document["options"]?.DeepClone() ?? new JsonObject { ["autoUpdateConsumingWorkflows"] = false };
        o["variables"] = document["variables"]?.DeepClone() ?? new JsonArray();
        o["inputs"] = document["inputs"]?.DeepClone() ?? new JsonArray();
        o["outputs"] = document["outputs"]?.DeepClone() ?? new JsonArray();
        o["outcomes"] = document["outcomes"]?.DeepClone() ?? new JsonArray();
        o["customProperties"] = document["customProperties"]?.DeepClone() ?? new JsonObject();
        o["root"] = WithNodeIds(document["root"]?.DeepClone() as JsonObject, v.DefinitionId);
        o["tenantId"] = v.TenantId;
        return o;
    }

    /// <summary>
    /// The Studio indexes activities by <c>nodeId</c> (the path of ids, as Elsa's server assigns when it loads a
    /// definition); our files need not carry it, so it is filled in where missing — and kept when saved back.
    /// </summary>
    private static JsonObject? WithNodeIds(JsonObject? activity, string parent)
    {
        if (activity is null)
        {
            return null;
        }

        var id = activity["id"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : "activity";
        if (activity["nodeId"] is not JsonValue existing || !existing.TryGetValue<string>(out var nodeId) || nodeId.Length == 0)
        {
            nodeId = $"{parent}:{id}";
            activity["nodeId"] = nodeId;
        }

        foreach (var child in (activity["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            WithNodeIds(child, nodeId);
        }

        return activity;
    }

    public static JsonObject Summary(DefinitionVersion v, JsonObject? document = null)
    {
        document ??= JsonNode.Parse(v.Json) as JsonObject ?? [];
        var links = new JsonArray();
        if (v.IsLatest)
        {
            links.Add(Link($"/elsa/api/workflow-definitions/{v.DefinitionId}/publish", "publish"));
            if (v.IsPublished)
            {
                links.Add(Link($"/elsa/api/workflow-definitions/{v.DefinitionId}/retract", "retract"));
            }
        }

        return new JsonObject
        {
            ["id"] = v.Id,
            ["definitionId"] = v.DefinitionId,
            ["name"] = v.Name ?? v.DefinitionId,
            ["description"] = document["description"]?.DeepClone(),
            ["createdAt"] = v.CreatedAt,
            ["version"] = v.Version,
            ["isLatest"] = v.IsLatest,
            ["isPublished"] = v.IsPublished,
            ["materializerName"] = "Json",
            ["isMaterializerAvailable"] = true,
            ["providerName"] = null,
            ["materializerContext"] = null,
            ["isReadonly"] = false,
            ["links"] = links,
        };
    }

    /// <summary>The Studio's model as our document: its fields kept (unknown ones too), lifecycle fields left to the engine, the region set.</summary>
    public static string Document(JsonObject model, string tenantId)
    {
        var document = (JsonObject)model.DeepClone();
        foreach (var field in Lifecycle)
        {
            document.Remove(field);
        }

        document["tenantId"] = tenantId;
        return document.ToJsonString();
    }

    private static JsonObject Link(string href, string rel) => new() { ["href"] = href, ["rel"] = rel, ["method"] = "POST" };

    /// <summary>
    /// TypeScript declarations for the Studio's Monaco editor: the globals a policy expression sees (<c>input</c>,
    /// <c>variables</c> with this definition's variables, <c>params</c>, <c>workflow</c>) and the helper library.
    /// </summary>
    public static string TypeDefinitions(DefinitionVersion? v)
    {
        var variables = (JsonNode.Parse(v?.Json ?? "{}")?["variables"] as JsonArray ?? [])
            .Select(x => x?["name"]?.GetValue<string>()).OfType<string>()
            .Select(name => $"    {name}: any;");
        return string.Join("\n",
        [
            "/** 流程输入（登记、个案） */",
            "declare const input: any;",
            "/** 本流程的变量 */",
            "declare const variables: {",
            .. variables,
            "};",
            "/** 本地区参数（workflows/regions/<地区>.json，按版本固定） */",
            "declare const params: any;",
            "declare const workflow: { definitionId: string; instanceId: string; tenantId: string; version: number };",
            "/** 日期（yyyy-MM-dd 字符串） */",
            "declare function parseDate(s: string): any;",
            "declare function isDate(s: string): boolean;",
            "declare function addDays(d: string, n: number): string;",
            "declare function addMonths(d: string, n: number): string;",
            "declare function firstOfMonth(d: string): string;",
            "declare function firstOfNextMonth(d: string): string;",
            "declare function lastOfMonth(d: string): string;",
            "declare function daysBetween(a: string, b: string): number;",
            "declare function inRange(d: string, from: string, to: string): boolean;",
            "declare function compareDates(a: string, b: string): number;",
            "declare function yearOf(d: string): number;",
            "declare function monthOf(d: string): number;",
            "declare function ageAt(birthDate: string, atDate: string): number;",
            "declare function today(): string;",
            "/** 金额（整数分） */",
            "declare function yuanToFen(yuan: number | string): number;",
            "declare function fenToYuan(fen: number): string;",
            "declare function percentOfFen(fen: number, basisPoints: number): number;",
            "/** 参数：缺失时报出参数路径 */",
            "declare function requireParam(path: string): any;",
            "declare function paramOr(path: string, fallback: any): any;",
            "/** 身份证号码（GB 11643） */",
            "declare const idNumber: { isValid(s: string): boolean };",
            "",
        ]);
    }
}
