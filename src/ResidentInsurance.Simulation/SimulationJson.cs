using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace ResidentInsurance.Simulation;

/// <summary>How results are written: UTF-8 with Chinese unescaped, indented.</summary>
public static class SimulationJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
}
