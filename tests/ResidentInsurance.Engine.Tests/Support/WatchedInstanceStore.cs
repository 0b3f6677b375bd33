using System.Reflection;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Engine.Tests.Support;

/// <summary>
/// An instance store in front of the in-memory one that counts the calls made to it by name and can make the next
/// <c>CommitAsync</c> calls fail (as a lost disk would), to see what the runtime writes and what it does on failure.
/// </summary>
public class WatchedInstanceStore : DispatchProxy
{
    private IInstanceStore _inner = null!;

    public Dictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

    /// <summary>How many of the next commits throw <see cref="IOException"/> before reaching the store.</summary>
    public int FailingCommits { get; set; }

    public static (IInstanceStore Store, WatchedInstanceStore Watch) Over(IInstanceStore inner)
    {
        var store = Create<IInstanceStore, WatchedInstanceStore>();
        var watch = (WatchedInstanceStore)(object)store;
        watch._inner = inner;
        return (store, watch);
    }

    public int Count(string method) => Calls.GetValueOrDefault(method);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        lock (Calls)
        {
            Calls[targetMethod.Name] = Count(targetMethod.Name) + 1;
            if (targetMethod.Name == nameof(IInstanceStore.CommitAsync) && FailingCommits > 0)
            {
                FailingCommits--;
                return Task.FromException(new IOException("disk lost (test)"));
            }
        }

        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException ex) when (ex.InnerException is { } inner)
        {
            throw inner;
        }
    }
}
