using System.Diagnostics.Metrics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Time.Testing;
using ResidentInsurance.Host.Logging;

namespace ResidentInsurance.Host.Tests;

/// <summary>The API document and reference page, the engine's metrics, and log lines that never carry a full ID number.</summary>
public sealed class ObservabilityTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ri-obs-");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private WebApplicationFactory<Program> Host() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
    {
        b.UseSetting("ConnectionStrings:Workflows", $"Data Source={Path.Combine(_folder.FullName, "obs.db")}");
        b.UseSetting("Engine:WorkflowsDirectory", _folder.CreateSubdirectory("workflows").FullName);
        b.UseSetting("Engine:RunBackgroundServices", "false");
    });

    [Fact]
    public async Task The_OpenAPI_document_lists_every_area_and_the_reference_page_is_served()
    {
        using var factory = Host();
        var anonymous = factory.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var expected in new[] { "/api/tasks", "/api/tasks/{taskId}/complete", "/api/definitions", "/api/instances", "/api/regions", "/api/simulations", "/api/tax/payment-notices", "/api/auth/login" })
        {
            Assert.Contains(expected, paths);
        }

        var page = await anonymous.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Starting_and_resuming_workflows_is_counted_by_region()
    {
        var measured = new List<(string Name, long Value, string? Region)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ResidentInsurance.Engine.Runtime.EngineTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? region = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "region")
                {
                    region = tag.Value as string;
                }
            }

            lock (measured)
            {
                measured.Add((instrument.Name, value, region));
            }
        });
        listener.Start();

        using var factory = Host();
        var client = factory.CreateAdminClient();
        (await client.PostAsync("/api/definitions?publish=true", new StringContent(File.ReadAllText("Workflows/pay-then-record.json"), System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/instances", new StringContent("""{"definitionId":"hosttest-enrollment","input":{"idNumber":"520102198503150016","benefitYear":2021}}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/events", new StringContent("""{"region":"hosttest","eventName":"tax.payment-notice","correlationKey":"520102198503150016/2021","idempotencyKey":"TX-OBS-1","payload":{}}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();

        lock (measured)
        {
            Assert.Contains(measured, m => m.Name == "ri.workflows.started" && m.Region == "hosttest");
            Assert.Contains(measured, m => m.Name == "ri.workflows.resumes" && m.Region == "hosttest");
            Assert.Contains(measured, m => m.Name == "ri.workflows.ended" && m.Region == "hosttest");
        }
    }

    [Fact]
    public void A_log_line_masks_ID_numbers_in_the_message_the_values_and_the_exception()
    {
        var formatter = new MaskedJsonConsoleFormatter(new FakeTimeProvider());
        var state = new List<KeyValuePair<string, object?>>
        {
            new("IdNumber", "52010219850315001X"),
            new("Key", "520102198503150016/2021"),
            new("{OriginalFormat}", "Payment for {IdNumber} ({Key})"),
        };
        var entry = new LogEntry<List<KeyValuePair<string, object?>>>(LogLevel.Warning, "test", new EventId(7), state,
            new InvalidOperationException("no bookmark for 520102198503150016/2021"), (_, _) => "Payment for 52010219850315001X (520102198503150016/2021)");
        var output = new StringWriter();

        formatter.Write(entry, null, output);

        var line = output.ToString();
        Assert.DoesNotContain("198503150016", line, StringComparison.Ordinal);
        Assert.DoesNotContain("19850315001X", line, StringComparison.Ordinal);
        Assert.Contains("520102********001X", line, StringComparison.Ordinal);
        Assert.Contains("520102********0016/2021", line, StringComparison.Ordinal);
        var json = JsonNode.Parse(line)!;
        Assert.Equal("Warning", json["level"]!.GetValue<string>());
        Assert.Equal("520102********001X", json["values"]!["IdNumber"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("身份证 520102198503150016。", "身份证 520102********0016。")]
    [InlineData("5201021985031500161", "5201021985031500161")]
    [InlineData("tx-520102198503150016", "tx-520102********0016")]
    public void Masking_leaves_longer_digit_runs_alone(string text, string masked) =>
        Assert.Equal(masked, IdNumberMasking.Mask(text));
}
