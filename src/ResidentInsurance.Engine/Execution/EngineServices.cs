using Microsoft.Extensions.Logging;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Engine.Descriptors;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Scripting;

namespace ResidentInsurance.Engine.Execution;

/// <summary>What a run needs from outside, gathered once.</summary>
internal sealed class EngineServices(
    TimeProvider clock,
    IIdGenerator ids,
    IScriptEvaluator scripts,
    ActivityRegistry registry,
    PinnedContentCache content,
    ILogger logger)
{
    public TimeProvider Clock { get; } = clock;

    public IIdGenerator Ids { get; } = ids;

    public IScriptEvaluator Scripts { get; } = scripts;

    public ActivityRegistry Registry { get; } = registry;

    public PinnedContentCache Content { get; } = content;

    public ILogger Logger { get; } = logger;
}
