namespace ResidentInsurance.Engine.Runtime;

/// <summary>Engine settings, bound from the "Engine" section.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>The folder of shipped definitions loaded at start-up; null loads nothing.</summary>
    public string? WorkflowsDirectory { get; set; }

    public TimeSpan TimerPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int TimerBatchSize { get; set; } = 100;

    /// <summary>How often kept events are matched again with waiting instances (recovery after an interrupted delivery).</summary>
    public TimeSpan StimulusRecoveryInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    public int OutboxBatchSize { get; set; } = 200;

    /// <summary>Run the timer scheduler and the outbox dispatcher as hosted services.</summary>
    public bool RunBackgroundServices { get; set; } = true;
}
