using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ResidentInsurance.Engine.Runtime;

/// <summary>
/// Sends committed outbox messages to every sink, then marks them sent. A message whose sink fails
/// stays in the outbox and is tried again; sinks must therefore be idempotent by message id.
/// </summary>
public sealed class OutboxDispatcher(
    IInstanceStore store,
    IEnumerable<IOutboxSink> sinks,
    IOutboxSignal signal,
    IOptions<EngineOptions> options,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>Dispatches one batch; returns how many messages were sent.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken ct)
    {
        if (!sinks.Any())
        {
            // Nobody to hand messages to (no bus configured): they stay in the outbox, never dropped.
            return 0;
        }

        var batch = await store.ListOutboxAsync(options.Value.OutboxBatchSize, ct);
        var sent = new List<string>();
        foreach (var message in batch)
        {
            try
            {
                foreach (var sink in sinks)
                {
                    await sink.SendAsync(message, ct);
                }

                sent.Add(message.Id);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Outbox message {MessageId} ({Type}) was not sent; it stays for the next attempt", message.Id, message.Type);
                break;
            }
        }

        if (sent.Count > 0)
        {
            await store.MarkOutboxSentAsync(sent, ct);
        }

        return sent.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchOnceAsync(stoppingToken) > 0)
                {
                    continue;
                }

                await signal.WaitAsync(options.Value.OutboxPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox dispatch failed; retrying");
                await Task.Delay(options.Value.OutboxPollInterval, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
