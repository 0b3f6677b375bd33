using System.Globalization;
using System.Text.Json.Nodes;
using Jint;
using Jint.Constraints;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using ResidentInsurance.Engine.Scripting;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// One Jint engine set up as a sandbox: strict mode, no CLR interop, no eval, limits on statements,
/// memory and recursion per entry and a time budget (with the caller's cancellation token) over a whole
/// evaluation, regular expressions bounded by the same time; the clock and local time zone of the host's
/// choosing; the helper library loaded; a few built-ins removed and the rest frozen; the clean global
/// surface captured so every evaluation starts from it. Runs one evaluation at a time.
/// </summary>
internal sealed class SandboxEngine : IDisposable
{
    /// <summary>
    /// Built-ins policy scripts have no use for and that would weaken the sandbox: binary buffers (one
    /// native call can allocate far past the memory limit before it is noticed), shared memory and
    /// blocking waits, garbage-collector observers (results would depend on when the GC runs), and
    /// realms with built-ins of their own.
    /// </summary>
    private static readonly string[] RemovedGlobals =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "TypedArray",
        "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
        "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
        "WeakRef", "FinalizationRegistry", "ShadowRealm",
    ];

    private readonly Jint.Engine _engine;
    private readonly OperationDeadlineConstraint _deadline;
    private readonly GlobalSnapshot _clean;
    private readonly JsValue _installVariables;
    private readonly JsValue _describeError;
    private readonly JsValue _toJson;
    private readonly TimeSpan _budget;
    private readonly bool _shortcuts;

    /// <summary>Globals the host set since the clean snapshot was last restored.</summary>
    private readonly HashSet<string> _hostGlobals = new(StringComparer.Ordinal);

    /// <summary>Whether a script (or the accessors made for one) may have changed the global object since then.</summary>
    private bool _changedByScript;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonNode, JsValue> _shared = new();

    /// <summary>
    /// What <c>lookupParam</c> found along each path of a shared global (the region's parameters), per object: a
    /// shared global is deep-frozen, so a path's answer never changes while the object lives.
    /// </summary>
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ObjectInstance, Dictionary<string, JsValue>> _sharedPaths = new();

    /// <summary>Paths remembered per shared object; past it a path is walked each time (a script inventing paths cannot grow the engine).</summary>
    private const int MaxSharedPaths = 4096;

    public SandboxEngine(ScriptingOptions options, TimeProvider clock, TimeZoneInfo zone)
    {
        _budget = TimeSpan.FromMilliseconds(options.TimeoutMs);
        var deadline = new OperationDeadlineConstraint();
        _deadline = deadline;
        _engine = new Jint.Engine(o =>
        {
            o.Strict = true;
            o.Interop.Enabled = false;
            o.DisableStringCompilation();
            o.Culture = CultureInfo.InvariantCulture;
            o.TimeZone = zone;
            o.TimeSystem = new ClockTimeSystem(clock, zone);
            o.Temporal.TimeZoneProvider = new ZoneTemporalTimeZones(zone.Id);
            o.AgentCanSuspend = false;
            o.RegexTimeoutInterval(TimeSpan.FromMilliseconds(options.TimeoutMs));
            o.MaxStatements(options.MaxStatements);
            o.LimitMemory(options.MemoryLimitBytes);
            o.LimitRecursion(options.MaxRecursionDepth);
            o.Constraints.StackOverflowGuard = true;

            // Time and cancellation: armed per evaluation, over all of its entries into the engine.
            o.Constraint(deadline);
        });

        var helpers = EmbeddedScripts.Helpers;
        _engine.Execute(in helpers);
        _shortcuts = options.Shortcuts;
        if (_shortcuts)
        {
            HelperFastPaths.Install(_engine);
            RememberParameterPaths();
        }
        var prelude = EmbeddedScripts.Prelude;
        var toolkit = _engine.Evaluate(in prelude).AsObject();
        _installVariables = toolkit.Get("installVariables");
        _describeError = toolkit.Get("describeError");
        _toJson = toolkit.Get("toJson");
        foreach (var name in RemovedGlobals)
        {
            _engine.Global.RemoveOwnProperty(name);
        }

        FreezeBuiltIns();
        _clean = _engine.Advanced.CaptureGlobalSnapshot();
        GlobalNames = _engine.Global.GetOwnPropertyKeys().Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The names on a clean global object: the built-ins and the helper library.</summary>
    public IReadOnlySet<string> GlobalNames { get; }

    /// <summary>
    /// Runs a prepared script with the request's globals. A script error (anything the script threw,
    /// including a missing parameter and host names that do not exist) comes back as a
    /// <see cref="ScriptFailureException"/> and leaves the engine reusable; a limit, a cancellation or any
    /// other failure escapes as Jint or .NET throws it, and the engine must not be used again.
    /// </summary>
    public JsonNode? Run(PreparedScript script, ScriptRequest request, CancellationToken cancellationToken)
    {
        _deadline.Begin(_budget, cancellationToken);
        var finished = false;
        try
        {
            if (!_shortcuts || _changedByScript || MayMeetEarlierGlobals(script, request))
            {
                RestoreClean();
            }

            _changedByScript |= script.MayWriteGlobals;
            SetGlobals(script, request);
            var value = Evaluate(script, request.Origin);
            var result = JsToJson.Convert(value, v => Stringify(v, request.Origin), _shortcuts ? _engine.Intrinsics : null);
            finished = true;
            return result;
        }
        finally
        {
            // A script that failed part-way is not reasoned about: the next one starts from the clean snapshot.
            _changedByScript |= !finished;
            _deadline.End();
        }
    }

    /// <summary>
    /// Returns the engine to a clean global surface; false when it cannot be, and so must be dropped. The snapshot is
    /// restored only when a script may have changed the global object (rebuilding the global object's property table
    /// after every script was a tenth of a simulation's CPU); the host's globals an earlier request left in place stay
    /// until a script could meet them (<see cref="MayMeetEarlierGlobals"/>).
    /// </summary>
    public bool TryReset()
    {
        try
        {
            _engine.Advanced.ResetCallStack();
            if (!_shortcuts || _changedByScript)
            {
                RestoreClean();
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void RestoreClean()
    {
        _engine.Advanced.RestoreGlobalSnapshot(_clean);
        _hostGlobals.Clear();
        _changedByScript = false;
    }

    /// <summary>
    /// Whether the script could read a global an earlier request put in place and this one does not replace: it names
    /// it (or reaches every global) and this request has no value of its own for it. A script never sees another
    /// request's input, variables or parameters, nor a global its own request does not have.
    /// </summary>
    private bool MayMeetEarlierGlobals(PreparedScript script, ScriptRequest request)
    {
        foreach (var name in _hostGlobals)
        {
            var replaced = request.Globals.ContainsKey(name)
                || request.SharedGlobals?.ContainsKey(name) == true
                || (name == "variables" && script.MayReadVariables());
            if (!replaced && script.MayRead(name))
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _engine.Dispose();

    /// <summary>
    /// Puts the request's globals in place — only those the script can reach (<see cref="PreparedScript.MayRead"/>):
    /// converting the instance's input and variables for every condition was a tenth of a season's CPU.
    /// </summary>
    private void SetGlobals(PreparedScript script, ScriptRequest request)
    {
        foreach (var (name, node) in request.Globals)
        {
            if (script.MayRead(name))
            {
                _engine.SetValue(name, ToJs(node, name, request.Origin, Reach(script, name)));
                _hostGlobals.Add(name);
            }
        }

        foreach (var (name, node) in request.SharedGlobals ?? new Dictionary<string, System.Text.Json.Nodes.JsonNode>())
        {
            _engine.SetValue(name, Shared(node, name, request.Origin));
            _hostGlobals.Add(name);
        }

        if (script.MayReadVariables())
        {
            var accessors = !_shortcuts || script.MayCallVariableAccessors();
            var variables = request.Variables is null
                ? new JsObject(_engine)
                : ToJs(request.Variables, "variables", request.Origin, accessors ? GlobalReach.Whole : Reach(script, "variables"));
            if (accessors)
            {
                // One accessor per variable, never over a name already defined: only a restore takes them away again.
                _changedByScript = true;
                Call(_installVariables, variables, request.Origin);
            }
            else
            {
                // `variables.policyResult.accepted`: the object is all the script can reach (a tenth of a simulation's
                // script time went to making accessors no condition called).
                _engine.SetValue("variables", variables);
                _hostGlobals.Add("variables");
            }
        }
    }

    /// <summary>
    /// A shared global, converted once per engine and deep-frozen, so one script cannot change what the next
    /// one reads; keyed by the node itself (the caller shares the same node for the same content).
    /// </summary>
    private JsValue Shared(JsonNode node, string name, string? origin)
    {
        if (_shared.TryGetValue(node, out var cached))
        {
            return cached;
        }

        var value = ToJs(node, name, origin);
        DeepFreeze(value);
        _shared.AddOrUpdate(node, value);
        if (value is ObjectInstance frozen)
        {
            _sharedPaths.AddOrUpdate(frozen, new Dictionary<string, JsValue>(StringComparer.Ordinal));
        }

        return value;
    }

    /// <summary>
    /// Puts a memo in front of the helper library's parameter look-ups (<c>lookupParam</c>, <c>requireParam</c>,
    /// <c>paramOr</c>): a policy reads the same few dozen paths on every case, and splitting and walking them was the
    /// largest part of a simulation's script time. Only a path of a shared global's object is remembered (deep-frozen by
    /// the host, so the walk's answer cannot change); anything else — a script's own <c>params</c>, a path that is not a
    /// string, a parameter with no value — goes to the library's functions as before, errors included.
    /// </summary>
    private void RememberParameterPaths()
    {
        var walk = _engine.Global.Get("lookupParam");

        // What the library's lookupParam answers for a path of the shared parameters; null when the memo does not apply.
        JsValue? Find(JsValue path, string caller)
        {
            if (path is not JsString text || _engine.Global.Get("params") is not ObjectInstance root || !_sharedPaths.TryGetValue(root, out var paths))
            {
                return null;
            }

            var key = text.ToString();
            if (!paths.TryGetValue(key, out var found))
            {
                found = _engine.Call(walk, JsValue.Undefined, [path, caller]);
                if (paths.Count < MaxSharedPaths)
                {
                    paths[key] = found;
                }
            }

            return found;
        }

        HelperFastPaths.Over(_engine, "lookupParam", a => HelperFastPaths.Arg(a, 1) is JsString caller ? Find(HelperFastPaths.Arg(a, 0), caller.ToString()) : null);
        HelperFastPaths.Over(_engine, "requireParam", a => Find(HelperFastPaths.Arg(a, 0), "requireParam") is { } value && !HelperFastPaths.IsNullish(value) ? value : null);
        HelperFastPaths.Over(_engine, "paramOr", a => Find(HelperFastPaths.Arg(a, 0), "paramOr") is { } value ? (HelperFastPaths.IsNullish(value) ? HelperFastPaths.Arg(a, 1) : value) : null);
    }

    private void DeepFreeze(JsValue root)
    {
        var freeze = _engine.Intrinsics.Object.Get("freeze");
        var pending = new Stack<ObjectInstance>();
        if (root is ObjectInstance first)
        {
            pending.Push(first);
        }

        while (pending.TryPop(out var obj))
        {
            foreach (var key in obj.GetOwnPropertyKeys())
            {
                if (obj.GetOwnProperty(key).Value is ObjectInstance child)
                {
                    pending.Push(child);
                }
            }

            _engine.Call(freeze, JsValue.Undefined, [obj]);
        }
    }

    /// <summary>How far the script reads the global: only as far as that is converted, when the shortcuts are on.</summary>
    private GlobalReach Reach(PreparedScript script, string name) => _shortcuts ? script.ReachOf(name) : GlobalReach.Whole;

    private JsValue ToJs(JsonNode? node, string name, string? origin, GlobalReach? reach = null)
    {
        try
        {
            return reach is null ? JsonToJs.Convert(_engine, node) : JsonToJs.Convert(_engine, node, reach);
        }
        catch (JsonDepthException ex)
        {
            throw new ScriptFailureException(ScriptFailureKind.Runtime, $"the global '{name}' {ex.Message}", origin, inner: ex);
        }
    }

    private JsValue Evaluate(PreparedScript script, string? origin)
    {
        try
        {
            return _engine.Evaluate(in script.Program);
        }
        catch (JavaScriptException ex)
        {
            throw Describe(ex, origin);
        }
    }

    private JsValue Call(JsValue function, JsValue argument, string? origin)
    {
        try
        {
            return _engine.Call(function, JsValue.Undefined, [argument]);
        }
        catch (JavaScriptException ex)
        {
            throw Describe(ex, origin);
        }
    }

    /// <summary>
    /// The result's JSON text, made inside the engine. A string holding half of a surrogate pair (a text cut inside a
    /// character, as <c>substring</c> or <c>charAt</c> can) is written by JSON.stringify as a <c>\udXXX</c> escape that no
    /// JSON reader decodes: the result would fail when it is next read or stored, so the script fails here, naming it.
    /// </summary>
    private JsValue Stringify(JsValue value, string? origin)
    {
        var text = Call(_toJson, value, origin);
        if (text.IsString() && JsToJson.LoneSurrogateEscape(text.AsString()) is { } escape)
        {
            throw new ScriptFailureException(
                ScriptFailureKind.Runtime,
                $"the result holds half of a UTF-16 surrogate pair ({escape}) in a string, which JSON cannot carry: was a text cut inside a character?",
                origin);
        }

        return text;
    }

    /// <summary>What the script threw, read inside the engine (a thrown object's getters are script code too).</summary>
    private ScriptFailureException Describe(JavaScriptException ex, string? origin)
    {
        var description = _engine.Call(_describeError, JsValue.Undefined, [ex.Error]).AsObject();
        var thrown = new ThrownValue(
            Text(description, "kind"),
            Text(description, "name"),
            Text(description, "message"),
            Text(description, "parameter"),
            ex.Location.SourceFile == ScriptPreparer.SourceName ? ex.Location.Start.Line : null);
        return ScriptFailures.FromThrown(thrown, origin, ex);
    }

    private static string Text(ObjectInstance description, string property)
    {
        var value = description.Get(property);
        return value.IsString() ? value.AsString() : string.Empty;
    }

    /// <summary>
    /// Freezes everything reachable from the globals (built-ins and the helper library), so no script
    /// can change what the next one sees through a prototype or a helper. Done from the host, with the
    /// engine's own Object.freeze: nothing here runs script, so no limit is spent on it.
    /// </summary>
    private void FreezeBuiltIns()
    {
        var freeze = _engine.Intrinsics.Object.Get("freeze");
        var global = _engine.Global;
        var seen = new HashSet<ObjectInstance>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<ObjectInstance>();

        void Visit(JsValue? value)
        {
            if (value is ObjectInstance obj && !ReferenceEquals(obj, global) && seen.Add(obj))
            {
                pending.Push(obj);
            }
        }

        void VisitProperties(ObjectInstance obj)
        {
            foreach (var key in obj.GetOwnPropertyKeys())
            {
                var descriptor = obj.GetOwnProperty(key);
                Visit(descriptor.Value);
                Visit(descriptor.Get);
                Visit(descriptor.Set);
            }
        }

        VisitProperties(global);
        while (pending.TryPop(out var obj))
        {
            _engine.Call(freeze, JsValue.Undefined, [obj]);
            Visit(obj.Prototype);
            VisitProperties(obj);
        }
    }
}
