using System.Collections.Concurrent;
using ResidentInsurance.Engine.Runtime;

namespace ResidentInsurance.Engine.Execution;

/// <summary>Content by hash is immutable, so it is read from the store once and kept.</summary>
internal sealed class PinnedContentCache(IDefinitionStore store)
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<string, string> _texts = new(StringComparer.Ordinal);

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
