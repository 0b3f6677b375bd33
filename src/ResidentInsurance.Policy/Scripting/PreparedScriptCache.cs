namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// Prepared scripts keyed by their exact text, so each text is parsed once. Bounded: past the capacity
/// the least recently used text is dropped. Thread-safe; two threads missing on the same text may both
/// prepare it, and one result wins.
/// </summary>
internal sealed class PreparedScriptCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, PreparedScript>>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<KeyValuePair<string, PreparedScript>> _recency = new();

    // The same text is usually the same string instance (a node's input read once, a pinned script): found by
    // reference first, without hashing and comparing a policy script's thousands of characters on every run.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, PreparedScript> _byInstance = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public PreparedScript GetOrPrepare(string text, Func<string, PreparedScript> prepare)
    {
        if (_byInstance.TryGetValue(text, out var known))
        {
            return known;
        }

        var prepared = GetOrPrepareByText(text, prepare);
        _byInstance.AddOrUpdate(text, prepared);
        return prepared;
    }

    private PreparedScript GetOrPrepareByText(string text, Func<string, PreparedScript> prepare)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(text, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Value;
            }
        }

        var prepared = prepare(text);
        lock (_gate)
        {
            if (_entries.TryGetValue(text, out var raced))
            {
                return raced.Value.Value;
            }

            _entries[text] = _recency.AddFirst(KeyValuePair.Create(text, prepared));
            while (_entries.Count > capacity && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
        }

        return prepared;
    }
}
