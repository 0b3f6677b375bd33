using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>
/// Polls timer bookmarks (Delay, StartAt, Timer) and resumes the due ones. Timers are rows in the
/// store; several processes may poll at once, and the store lets only one resume each bookmark. At start and
/// every <see cref="EngineOptions.StimulusRecoveryInterval"/> it also hands kept events to waiting instances.
/// </summary>
public sealed class TimerScheduler(WorkflowRuntime runtime, IOptions<EngineOptions> options, TimeProvider clock, ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastRecovery = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() - lastRecovery >= options.Value.StimulusRecoveryInterval)
                {
                    lastRecovery = clock.GetUtcNow();
                    var handedOver = await runtime.MatchPendingStimuliAsync(stoppingToken);
                    if (handedOver > 0)
                    {
                        logger.LogWarning("Handed {Count} kept event(s) to the instances waiting for them (an earlier delivery was interrupted)", handedOver);
                    }
                }

                var resumed = await runtime.ProcessDueTimersAsync(options.Value.TimerBatchSize, stoppingToken);
                if (resumed > 0)
                {
                    logger.LogInformation("Resumed {Count} due timer(s)", resumed);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Timer poll failed; retrying");
            }

            await Task.Delay(options.Value.TimerPollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
