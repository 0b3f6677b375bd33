using Microsoft.Extensions.DependencyInjection.Extensions;
using ResidentInsurance.Bus;
using ResidentInsurance.Engine;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Host.Designer;
using ResidentInsurance.Host.Api;
using ResidentInsurance.Host.Inbox;
using ResidentInsurance.Persistence;
using ResidentInsurance.Policy;
using ResidentInsurance.Simulation;

namespace ResidentInsurance.Host;

/// <summary>Composition of the platform: each project registers itself once; options are bound by section.</summary>
internal static class HostExtensions
{
    public static WebApplicationBuilder AddResidentInsuranceHost(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var workflows = PlatformHome.FindWorkflows(configuration[$"{EngineOptions.Section}:WorkflowsDirectory"], builder.Environment.ContentRootPath);
        builder.Logging.AddConsole(o => o.FormatterName = Logging.MaskedJsonConsoleFormatter.Name)
            .AddConsoleFormatter<Logging.MaskedJsonConsoleFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        if (configuration["Diagnostics:LogCaptureFile"] is { Length: > 0 } capture)
        {
            builder.Services.AddSingleton<ILoggerProvider>(sp => new Logging.CaptureFileLoggerProvider(capture, new Logging.MaskedJsonConsoleFormatter(sp.GetRequiredService<TimeProvider>())));
            // Request lines (paths carry ID numbers) included; EF Core's SQL (parameters never logged) left out.
            builder.Logging.AddFilter<Logging.CaptureFileLoggerProvider>(null, LogLevel.Information);
            builder.Logging.AddFilter<Logging.CaptureFileLoggerProvider>("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        }

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ApiErrors>();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter());
        });
        builder.Services.AddSingleton<PolicySimulator>();
        builder.Services.AddSingleton<PopulationWhatIf>();
        builder.Services.AddSingleton<ResidentInsurance.Engine.Definitions.IPublishGate, CaseFilePublishGate>();
        builder.Services.AddSingleton<TaskInbox>();
        builder.Services.AddSingleton<Regions.VersionDiff>();
        builder.Services.AddSingleton<Rosters.PaymentLists>();
        builder.Services.AddSingleton<ResidentInsurance.Campaign.CampaignService>();
        builder.Services.AddResidentInsuranceAccess(configuration);
        builder.Services.AddResidentInsuranceObservability(configuration);
        builder.Services.AddResidentInsuranceBus(o => configuration.GetSection(ResidentInsurance.Bus.BusOptions.Section).Bind(o));
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store", tags: ["ready"]);

        builder.Services.AddResidentInsurancePersistence(o =>
        {
            if (Enum.TryParse<StoreProvider>(configuration[$"{PersistenceOptions.Section}:Provider"], ignoreCase: true, out var provider))
            {
                o.Provider = provider;
            }

            o.ConnectionString = configuration.GetConnectionString("Workflows")
                ?? $"Data Source={PlatformHome.DefaultDatabasePath(workflows, builder.Environment.ContentRootPath)}";
        });
        builder.Services.AddResidentInsurancePolicy(configuration);
        builder.Services.AddResidentInsuranceEngine(o =>
        {
            configuration.GetSection(EngineOptions.Section).Bind(o);
            o.WorkflowsDirectory = workflows;
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<IPolicyResources>(sp => new Regions.PlatformPolicyResources(
            workflows is null ? new NullPolicyResources() : new DirectoryPolicyResources(workflows),
            sp.GetRequiredService<ResidentInsurance.Persistence.Regions.IRegionParameterStore>())));
        builder.Services.AddSingleton(sp => new Regions.PlatformCaseFiles(
            ActivatorUtilities.CreateInstance<DirectoryCaseFileSource>(sp),
            sp.GetRequiredService<ResidentInsurance.Persistence.Regions.IRegionCaseStore>()));
        builder.Services.AddSingleton<ICaseFileSource>(sp => sp.GetRequiredService<Regions.PlatformCaseFiles>());
        return builder;
    }

    public static WebApplication MapResidentInsuranceApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseClientLibraries(ClientLibraries.Find(app.Configuration,
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EngineOptions>>().Value.WorkflowsDirectory, app.Environment.ContentRootPath));
        app.UseAuthentication();
        app.UseCrossSiteRequestCheck();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapApiReference();
        app.MapAuthEndpoints();
        app.MapTaskEndpoints();
        app.MapAuditEndpoints();
        app.MapTaxFeedEndpoints();
        app.MapResidentEndpoints();
        app.MapCampaignEndpoints();
        app.MapDefinitionEndpoints();
        app.MapInstanceEndpoints();
        app.MapSimulationEndpoints();
        app.MapRegionEndpoints();
        app.MapRegionAdminEndpoints();
        app.MapRegionCaseEndpoints();
        app.MapWhatIfEndpoints();
        app.MapAccountEndpoints();
        app.MapRosterEndpoints();
        app.MapElsaApiEndpoints();
        return app;
    }
}
