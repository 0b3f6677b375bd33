using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Engine.Execution;

/// <summary>Content by hash is immutable, so it is read from the store once and kept.</summary>
internal sealed class PinnedContentCache(IDefinitionStore store)
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonNode> _parsed = new(StringComparer.Ordinal);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, JsonNode> _parsedByInstance = new();

    /// <summary>
    /// A pinned JSON text parsed once and shared by every run: the same text is the same content, and the node is
    /// never changed by the engine (scripts receive copies or frozen values).
    /// </summary>
    public JsonNode GetParsed(string text)
    {
        if (_parsedByInstance.TryGetValue(text, out var same))
        {
            return same; // the pinned text this cache handed out: no need to hash its thousands of characters again
        }

        if (_parsed.TryGetValue(text, out var node))
        {
            _parsedByInstance.AddOrUpdate(text, node);
            return node;
        }

        if (_parsed.Count >= 256)
        {
            _parsed.Clear();
        }

        return _parsed.GetOrAdd(text, t => JsonNode.Parse(t) ?? JsonValue.Create(0));
    }

    public async ValueTask<string?> GetAsync(string hash, CancellationToken ct)
    {
        if (_texts.TryGetValue(hash, out var text))
        {
            return text;
        }

        var blob = await store.GetContentAsync(hash, ct);
        if (blob is null)
        {
            return null;
        }

        if (_texts.Count >= MaxEntries)
        {
            _texts.Clear();
        }

        _texts[hash] = blob.Text;
        return blob.Text;
    }
}
