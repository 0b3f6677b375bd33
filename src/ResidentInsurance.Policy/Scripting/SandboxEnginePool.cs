using System.Collections.Concurrent;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// Engines kept for reuse: each evaluation rents one, runs on it alone and hands it back, reset to its
/// clean globals; at most <see cref="ScriptingOptions.PoolSize"/> idle engines are kept. An engine that
/// cannot be trusted after a failure is disposed instead.
/// </summary>
internal sealed class SandboxEnginePool(Func<SandboxEngine> create, int capacity) : IDisposable
{
    private readonly ConcurrentBag<SandboxEngine> _idle = [];
    private int _idleCount;
    private bool _disposed;

    public int IdleCount => Volatile.Read(ref _idleCount);

    public SandboxEngine Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        if (_idle.TryTake(out var engine))
        {
            Interlocked.Decrement(ref _idleCount);
            return engine;
        }

        return create();
    }

    public void Return(SandboxEngine engine, bool reusable)
    {
        if (reusable && !Volatile.Read(ref _disposed) && engine.TryReset())
        {
            if (Interlocked.Increment(ref _idleCount) <= capacity)
            {
                _idle.Add(engine);
                return;
            }

            Interlocked.Decrement(ref _idleCount);
        }

        engine.Dispose();
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, true);
        while (_idle.TryTake(out var engine))
        {
            Interlocked.Decrement(ref _idleCount);
            engine.Dispose();
        }
    }
}
