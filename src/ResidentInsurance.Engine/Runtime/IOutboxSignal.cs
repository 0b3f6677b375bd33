namespace ResidentInsurance.Engine.Runtime;

/// <summary>Wakes the outbox dispatcher after a commit that wrote messages, so they leave without waiting for the next poll.</summary>
public interface IOutboxSignal
{
    void Notify();

    Task WaitAsync(TimeSpan timeout, CancellationToken ct);
}

/// <summary>An in-process signal: a semaphore released on notify.</summary>
public sealed class OutboxSignal : IOutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
            {
                _signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);
}
