using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ResidentInsurance.Engine.Runtime;
using Scalar.AspNetCore;

namespace ResidentInsurance.Host;

/// <summary>
/// OpenAPI document (<c>/openapi/v1.json</c>) with a browsable reference (<c>/scalar/v1</c>), and OpenTelemetry:
/// traces of requests and of workflow starts / resumes, metrics of requests, workflows and department tasks.
/// Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (e.g. docker-compose with a collector).
/// </summary>
internal static class Observability
{
    public static IServiceCollection AddResidentInsuranceObservability(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "城乡居民医保协同平台 API";
            document.Info.Description = "Definitions, instances, department tasks, regions, simulations, the tax feed. Staff log in (cookie); systems send Authorization: ApiKey <key>.";
            return Task.CompletedTask;
        }));
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("resident-insurance-host"))
            .WithTracing(t =>
            {
                t.AddAspNetCoreInstrumentation().AddSource(EngineTelemetry.Name);
                if (otlp)
                {
                    t.AddOtlpExporter();
                }
            })
            .WithMetrics(m =>
            {
                m.AddAspNetCoreInstrumentation().AddMeter(EngineTelemetry.Name);
                if (otlp)
                {
                    m.AddOtlpExporter();
                }
            });
        return services;
    }

    public static void MapApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("城乡居民医保协同平台 API")).AllowAnonymous();
    }
}
