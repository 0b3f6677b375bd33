using System.Globalization;
using MiniExcelLibs;
using ResidentInsurance.Policy.Identity;

namespace ResidentInsurance.Host.Rosters;

/// <summary>
/// Rosters (花名册) as .xlsx in the columns the departments use: 序号, 姓名, 身份证号码, 人员类别, 认定日期,
/// 增减类型, 备注 (and optionally 镇（街道）, 村（社区）). An import is all or nothing: any bad row refuses the whole file, every bad row named.
/// </summary>
internal static class RosterWorkbook
{
    public static readonly string[] RequiredColumns = ["序号", "姓名", "身份证号码", "人员类别", "认定日期"];

    /// <summary>The categories the documents print, to the contract's identity codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Categories = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["特困人员"] = "tekun", ["特困供养人员"] = "tekun", ["孤儿"] = "orphan", ["事实无人抚养儿童"] = "de_facto_orphan",
        ["低保对象"] = "dibao", ["低保户"] = "dibao", ["低保"] = "dibao", ["低收入家庭老年人"] = "low_income_elderly",
        ["低收入家庭未成年人"] = "low_income_minor", ["低收入家庭重度残疾人"] = "low_income_disabled", ["低收入家庭重病患者"] = "low_income_ill",
        ["重度残疾人"] = "severe_disability", ["计生对象"] = "family_planning", ["农村独生子女户"] = "family_planning", ["双女结扎户"] = "family_planning",
        ["计生特殊家庭"] = "family_planning_special", ["建档立卡贫困人口"] = "poverty_registered", ["脱贫人口"] = "poverty_lifted",
        ["退出户"] = "poverty_exited", ["返贫致贫人口"] = "returned_to_poverty", ["监测户"] = "monitored", ["低保边缘户"] = "dibao_edge",
        ["重点优抚对象"] = "priority_care", ["军休干部家属"] = "military_cadre_dependant", ["退役军人"] = "veteran_discharged",
    };

    /// <summary>A roster row; town and village (镇（街道）, 村（社区）) are optional columns, carried to the special groups' worklist.</summary>
    public sealed record RosterRow(int Index, string Name, string IdNumber, string Category, string Identity, DateOnly RecognizedOn, string Change, string? Remark,
        string? Town = null, string? Village = null);

    private static readonly Dictionary<string, string> Names = Categories.GroupBy(c => c.Value).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);

    /// <summary>The category as the documents print it, for an identity code (the code itself when none is printed).</summary>
    public static string CategoryName(string code) => Names.GetValueOrDefault(code, code);

    public sealed record RowError(int Row, string Column, string Message);

    public sealed record Import(IReadOnlyList<RosterRow> Rows, IReadOnlyList<RowError> Errors)
    {
        public bool Accepted => Errors.Count == 0 && Rows.Count > 0;
    }

    public static Import Read(Stream xlsx)
    {
        List<IDictionary<string, object?>> sheet;
        try
        {
            sheet = xlsx.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A damaged file fails inside the parser in many ways (found by the hostile-input tests: truncated zips,
            // changed bytes → NullReference, IndexOutOfRange … from MiniExcel); each means "not a valid .xlsx".
            return new Import([], [new RowError(0, "文件", $"不是有效的 Excel（.xlsx）文件：{ex.Message}")]);
        }

        if (sheet.Count == 0)
        {
            return new Import([], [new RowError(0, "文件", "花名册是空的")]);
        }

        var columns = sheet[0].Where(c => c.Value is not null).ToDictionary(c => Convert.ToString(c.Value, CultureInfo.InvariantCulture)!.Trim(), c => c.Key, StringComparer.Ordinal);
        var missing = RequiredColumns.Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            return new Import([], [new RowError(1, string.Join("、", missing), $"表头缺少列：{string.Join("、", missing)}（应为 {string.Join("、", RequiredColumns)}、增减类型、备注）")]);
        }

        string? Cell(IDictionary<string, object?> row, string column) =>
            columns.TryGetValue(column, out var letter) && row.TryGetValue(letter, out var value) && value is not null
                ? value is DateTime d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim()
                : null;

        var rows = new List<RosterRow>();
        var errors = new List<RowError>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < sheet.Count; i++)
        {
            var line = i + 1;
            var row = sheet[i];
            if (row.Values.All(v => v is null || string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture))))
            {
                continue;
            }

            var before = errors.Count;
            var name = Cell(row, "姓名");
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(new RowError(line, "姓名", "姓名为空"));
            }

            var id = (Cell(row, "身份证号码") ?? "").ToUpperInvariant();
            if (!ResidentIdNumber.TryParse(id, out _, out var idError))
            {
                errors.Add(new RowError(line, "身份证号码", $"身份证号码无效：{idError}"));
            }
            else if (seen.TryGetValue(id, out var first))
            {
                errors.Add(new RowError(line, "身份证号码", $"与第 {first} 行重复"));
            }
            else
            {
                seen[id] = line;
            }

            var category = Cell(row, "人员类别") ?? "";
            if (!Categories.TryGetValue(category, out var identity))
            {
                errors.Add(new RowError(line, "人员类别", $"未知的人员类别“{category}”"));
            }

            var dateText = Cell(row, "认定日期");
            if (!TryDate(dateText, out var recognizedOn))
            {
                errors.Add(new RowError(line, "认定日期", $"认定日期“{dateText}”不是有效日期"));
            }

            var change = Cell(row, "增减类型") switch
            {
                null or "" or "新增" or "增" => "add",
                "减少" or "减" => "remove",
                var other => Unknown(errors, line, other),
            };
            if (errors.Count == before)
            {
                var index = int.TryParse(Cell(row, "序号"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : rows.Count + 1;
                rows.Add(new RosterRow(index, name!, id, category, identity!, recognizedOn, change!, Cell(row, "备注"), Blank(Cell(row, "镇（街道）")), Blank(Cell(row, "村（社区）"))));
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new RowError(2, "文件", "花名册没有数据行"));
        }

        return errors.Count > 0 ? new Import([], errors) : new Import(rows, []);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string? Unknown(List<RowError> errors, int line, string value)
    {
        errors.Add(new RowError(line, "增减类型", $"增减类型应为“新增”或“减少”，不是“{value}”"));
        return null;
    }

    private static bool TryDate(string? text, out DateOnly date)
    {
        date = default;
        return text is not null && DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>A sheet with the given headers and rows (values as written), as .xlsx bytes.</summary>
    public static byte[] Write(string sheetName, IEnumerable<IDictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList(), sheetName: sheetName);
        return stream.ToArray();
    }

    public static decimal? Yuan(long? fen) => fen is null ? null : fen.Value / 100m;
}
