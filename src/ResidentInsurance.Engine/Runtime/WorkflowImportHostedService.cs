using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResidentInsurance.Engine.Definitions;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>Loads <see cref="EngineOptions.WorkflowsDirectory"/> once at start-up, before the host serves requests.</summary>
public sealed class WorkflowImportHostedService(WorkflowDirectoryLoader loader, IOptions<EngineOptions> options) : IHostedService
{
    public WorkflowImportReport? LastReport { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WorkflowsDirectory is { } directory)
        {
            LastReport = await loader.LoadAsync(directory, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
