using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>
/// Polls timer bookmarks (Delay, StartAt, Timer) and resumes the due ones. Timers are rows in the
/// store; several processes may poll at once, and the store lets only one resume each bookmark.
/// </summary>
public sealed class TimerScheduler(WorkflowRuntime runtime, IOptions<EngineOptions> options, ILogger<TimerScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
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
