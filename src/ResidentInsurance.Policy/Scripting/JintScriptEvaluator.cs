using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ResidentInsurance.Engine.Clock;
using ResidentInsurance.Engine.Scripting;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// The engine's JavaScript, on Jint, in a sandbox: no CLR access, no eval, strict mode; limits on time,
/// statements, memory and recursion (<see cref="ScriptingOptions"/>); <c>new Date()</c> on the injected
/// clock with Asia/Shanghai as local time; the policy helper library loaded. A script is an expression or
/// a function body, runs in its own function and sees only this request's globals. Thread-safe: engines
/// are pooled, scripts are parsed once per text. Every failure is a <see cref="ScriptFailureException"/>.
/// </summary>
public sealed class JintScriptEvaluator : IScriptEvaluator, IDisposable
{
    private readonly ScriptingOptions _options;
    private readonly PreparedScriptCache _scripts;
    private readonly SandboxEnginePool _engines;
    private readonly Lazy<IReadOnlySet<string>> _globalNames;

    public JintScriptEvaluator(ScriptingOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _scripts = new PreparedScriptCache(options.PreparedScriptCacheSize);
        _engines = new SandboxEnginePool(() => new SandboxEngine(options, timeProvider, ChinaTime.Zone), options.PoolSize);
        _globalNames = new Lazy<IReadOnlySet<string>>(() =>
        {
            var engine = _engines.Rent();
            try
            {
                return engine.GlobalNames;
            }
            finally
            {
                _engines.Return(engine, reusable: true);
            }
        }, LazyThreadSafetyMode.PublicationOnly); // a failure to make an engine is not remembered: the next request tries again
    }

    public JintScriptEvaluator(IOptions<ScriptingOptions> options, TimeProvider timeProvider)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, timeProvider)
    {
    }

    /// <summary>Scripts currently kept parsed.</summary>
    internal int PreparedScriptCount => _scripts.Count;

    /// <summary>Engines currently idle in the pool.</summary>
    internal int IdleEngineCount => _engines.IdleCount;

    public JsonNode? Evaluate(ScriptRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cancellationToken.IsCancellationRequested)
        {
            throw new ScriptFailureException(ScriptFailureKind.Cancelled, "the evaluation was cancelled", request.Origin, inner: new OperationCanceledException(cancellationToken));
        }

        var script = _scripts.GetOrPrepare(request.Script ?? string.Empty, ScriptPreparer.Prepare);
        if (script.SyntaxError is { } syntaxError)
        {
            throw new ScriptFailureException(ScriptFailureKind.Syntax, syntaxError, request.Origin);
        }

        if (_options.Shortcuts && script.Direct is { } direct && !ShadowsGlobal(request) && direct.TryEvaluate(request, out var read))
        {
            return read;
        }

        SandboxEngine engine;
        try
        {
            engine = _engines.Rent();
        }
        catch (Exception ex)
        {
            throw ScriptFailures.FromException(ex, request.Origin, _options);
        }

        var reusable = false;
        try
        {
            var result = engine.Run(script, request, cancellationToken);
            reusable = true;
            return result;
        }
        catch (ScriptFailureException)
        {
            // What the script threw: the engine is intact.
            reusable = true;
            throw;
        }
        catch (Exception ex)
        {
            // A limit, a cancellation or a host failure stopped the engine mid-run: it is not reused.
            throw ScriptFailures.FromException(ex, request.Origin, _options);
        }
        finally
        {
            _engines.Return(engine, reusable);
        }
    }

    public void Dispose() => _engines.Dispose();

    /// <summary>
    /// Whether the request puts a global over a built-in or a helper (the sandbox decides what that means), or the
    /// sandbox's names cannot be known yet (no engine could be made: the sandbox reports why).
    /// </summary>
    private bool ShadowsGlobal(ScriptRequest request)
    {
        IReadOnlySet<string> names;
        try
        {
            names = _globalNames.Value;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return true;
        }

        foreach (var name in request.Globals.Keys)
        {
            if (names.Contains(name))
            {
                return true;
            }
        }

        return false;
    }
}
