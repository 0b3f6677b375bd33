using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Acornima;
using Acornima.Ast;
using ResidentInsurance.Engine.Scripting;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// A workflow's small expressions — <c>variables.policyResult.accepted === true</c>, <c>input.person.idNumber + '/' +
/// input.benefitYear</c>, <c>({ case: input, policy: variables.policyResult })</c> — read straight from the request's
/// JSON, without an engine: making the sandbox's globals and reading the result back cost more than the expression
/// (a simulation's flow decisions, event keys and payloads took about a quarter of its CPU). Only expressions that cannot have an effect are taken:
/// names of the request's globals, <c>variables</c> and <c>undefined</c>; literals; property reads; <c>=== !== &amp;&amp;
/// || ?? ! ?:</c>; <c>+</c> of strings and numbers; comparisons and arithmetic of numbers; object and array literals.
/// <para>
/// Anything the expression meets that Jint could treat otherwise — a name not among the request's globals, a property
/// the prototype may answer, a read of null or undefined (a TypeError), a number whose text is not an integer's, an
/// object compared with an object, nesting deep enough for a limit — gives up with no answer, and the expression
/// runs in the sandbox as before: nothing here ever throws a script error of its own, and what it does answer is
/// what the sandbox answers (a test runs every workflow's expressions and a corpus of awkward ones both ways).
/// </para>
/// </summary>
internal sealed class DirectExpression
{
    /// <summary>Past this nesting the sandbox decides (it converts up to 256 levels, and reads results back up to 64).</summary>
    private const int MaxDepth = 48;

    /// <summary>Names every object answers through <c>Object.prototype</c>: a read of one that the JSON lacks goes to the sandbox.</summary>
    private static readonly Lazy<HashSet<string>> PrototypeNames = new(() =>
    {
        using var engine = new Jint.Engine();
        return engine.Intrinsics.Object.PrototypeObject.GetOwnPropertyKeys().Select(k => k.ToString()).ToHashSet(StringComparer.Ordinal);
    });

    private readonly Node _root;

    private DirectExpression(Node root) => _root = root;

    /// <summary>The expression compiled for direct evaluation; null when it uses anything outside the subset.</summary>
    public static DirectExpression? TryCompile(Expression parsed) => Compile(parsed) is { } root ? new DirectExpression(root) : null;

    /// <summary>The expression's result as the sandbox would give it; false when the sandbox must decide.</summary>
    public bool TryEvaluate(ScriptRequest request, out JsonNode? result)
    {
        result = null;
        return _root.TryEval(request, out var value) && TryToJson(value, nested: false, 0, out result);
    }

    private static Node? Compile(Expression expression)
    {
        switch (expression)
        {
            case ParenthesizedExpression inner:
                return Compile(inner.Expression);
            case Identifier identifier:
                return new Name(identifier.Name);
            case StringLiteral s:
                return new Constant(Value.Of(s.Value));
            case NumericLiteral n:
                return new Constant(Value.Of(n.Value));
            case BooleanLiteral b:
                return new Constant(Value.Of(b.Value));
            case NullLiteral:
                return new Constant(Value.Null);
            case MemberExpression { Optional: false } member:
                var target = Compile(member.Object);
                var key = member.Computed
                    ? member.Property switch
                    {
                        StringLiteral s => s.Value,
                        NumericLiteral n when n.Value >= 0 && n.Value < int.MaxValue && Math.Floor(n.Value) == n.Value => ((int)n.Value).ToString(CultureInfo.InvariantCulture),
                        _ => null,
                    }
                    : (member.Property as Identifier)?.Name;
                return target is null || key is null ? null : new Member(target, key);
            case LogicalExpression logical when logical.Operator is Operator.LogicalAnd or Operator.LogicalOr or Operator.NullishCoalescing:
                return Both(logical.Left, logical.Right, (l, r) => new Logical(logical.Operator, l, r));
            case NonLogicalBinaryExpression binary when binary.Operator is Operator.StrictEquality or Operator.StrictInequality or Operator.Addition
                or Operator.Subtraction or Operator.Multiplication or Operator.LessThan or Operator.LessThanOrEqual or Operator.GreaterThan or Operator.GreaterThanOrEqual:
                return Both(binary.Left, binary.Right, (l, r) => new Binary(binary.Operator, l, r));
            case NonUpdateUnaryExpression unary when unary.Operator is Operator.LogicalNot or Operator.UnaryNegation:
                return Compile(unary.Argument) is { } argument ? new Unary(unary.Operator, argument) : null;
            case ConditionalExpression conditional:
                var test = Compile(conditional.Test);
                var consequent = Compile(conditional.Consequent);
                var alternate = Compile(conditional.Alternate);
                return test is null || consequent is null || alternate is null ? null : new Conditional(test, consequent, alternate);
            case ObjectExpression literal:
                return CompileObject(literal);
            case ArrayExpression array:
                var items = new List<Node>();
                foreach (var element in array.Elements)
                {
                    if (element is not Expression item || element is SpreadElement || Compile(item) is not { } compiled)
                    {
                        return null; // a hole or a spread
                    }

                    items.Add(compiled);
                }

                return new ArrayLiteral(items);
            default:
                return null;
        }
    }

    private static Node? Both(Expression left, Expression right, Func<Node, Node, Node> make) =>
        Compile(left) is { } l && Compile(right) is { } r ? make(l, r) : null;

    private static Node? CompileObject(ObjectExpression literal)
    {
        var properties = new List<(string Key, Node Value)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in literal.Properties)
        {
            if (node is not ObjectProperty { Kind: PropertyKind.Init, Computed: false, Method: false } property || property.Value is not Expression value)
            {
                return null; // a spread, a getter, a method, a computed key
            }

            var key = property.Key switch
            {
                Identifier id => id.Name,
                StringLiteral s => s.Value,
                _ => null, // a numeric key is ordered before the others by the engine
            };

            // "__proto__: x" sets the prototype; an array index is ordered first; a repeated key keeps its first place.
            if (key is null || key == "__proto__" || IsArrayIndex(key) || !seen.Add(key) || Compile(value) is not { } compiled)
            {
                return null;
            }

            properties.Add((key, compiled));
        }

        return new ObjectLiteral(properties);
    }

    private static bool IsArrayIndex(string key) =>
        key.Length > 0 && key.All(char.IsAsciiDigit) && (key == "0" || key[0] != '0');

    /// <summary>The value as the sandbox's result reads it back (<see cref="JsToJson"/>): false where that is not certain.</summary>
    private static bool TryToJson(Value value, bool nested, int depth, out JsonNode? node)
    {
        node = null;
        if (depth > MaxDepth)
        {
            return false;
        }

        switch (value.Kind)
        {
            case Kind.Undefined or Kind.Null:
                return true;
            case Kind.Boolean:
                node = JsonValue.Create(value.Number != 0);
                return true;
            case Kind.Number:
                node = JsToJson.Number(value.Number);
                return true;
            case Kind.String:
                var text = (string)value.Reference!;
                if (nested && text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
                {
                    return false; // JSON.stringify escapes surrogates inside objects
                }

                node = JsonValue.Create(text);
                return true;
            case Kind.Object:
                var source = (JsonObject)value.Reference!;
                var copy = new JsonObject();
                foreach (var (key, child) in source)
                {
                    if (IsArrayIndex(key) || !Value.TryFrom(child, out var read) || !TryToJson(read, nested: true, depth + 1, out var converted))
                    {
                        return false;
                    }

                    copy[key] = converted;
                }

                node = copy;
                return true;
            case Kind.Array:
                var items = new JsonArray();
                foreach (var child in (JsonArray)value.Reference!)
                {
                    if (!Value.TryFrom(child, out var read) || !TryToJson(read, nested: true, depth + 1, out var converted))
                    {
                        return false;
                    }

                    items.Add(converted);
                }

                node = items;
                return true;
            case Kind.BuiltObject:
                var built = new JsonObject();
                foreach (var (key, member) in (List<(string, Value)>)value.Reference!)
                {
                    if (member.Kind == Kind.Undefined)
                    {
                        continue; // JSON.stringify leaves an undefined property out
                    }

                    if (!TryToJson(member, nested: true, depth + 1, out var converted))
                    {
                        return false;
                    }

                    built[key] = converted;
                }

                node = built;
                return true;
            case Kind.BuiltArray:
                var list = new JsonArray();
                foreach (var item in (List<Value>)value.Reference!)
                {
                    if (!TryToJson(item, nested: true, depth + 1, out var converted))
                    {
                        return false;
                    }

                    list.Add(converted); // undefined is null in an array
                }

                node = list;
                return true;
            default:
                return false;
        }
    }

    /// <summary>How deep the node nests, up to <paramref name="limit"/> (past it: more than the limit).</summary>
    private static bool NestsWithin(JsonNode? node, int limit)
    {
        if (limit < 0)
        {
            return false;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    if (child is JsonObject or JsonArray && !NestsWithin(child, limit - 1))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is JsonObject or JsonArray && !NestsWithin(child, limit - 1))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    private enum Kind
    {
        Undefined,
        Null,
        Boolean,
        Number,
        String,
        Object,
        Array,
        BuiltObject,
        BuiltArray,
    }

    /// <summary>A JavaScript value as the expression sees it; objects and arrays of the request are its JSON nodes.</summary>
    private readonly record struct Value(Kind Kind, double Number, object? Reference)
    {
        public static readonly Value Undefined = new(Kind.Undefined, 0, null);
        public static readonly Value Null = new(Kind.Null, 0, null);

        public static Value Of(bool b) => new(Kind.Boolean, b ? 1 : 0, null);

        public static Value Of(double d) => new(Kind.Number, d, null);

        public static Value Of(string s) => new(Kind.String, 0, s);

        public bool IsPrimitive => Kind is Kind.Undefined or Kind.Null or Kind.Boolean or Kind.Number or Kind.String;

        public bool Truthy => Kind switch
        {
            Kind.Undefined or Kind.Null => false,
            Kind.Boolean => Number != 0,
            Kind.Number => Number != 0 && !double.IsNaN(Number),
            Kind.String => ((string)Reference!).Length > 0,
            _ => true,
        };

        /// <summary>A node of the request as the sandbox converts it (<see cref="JsonToJs"/>); false for values it reads otherwise.</summary>
        public static bool TryFrom(JsonNode? node, out Value value)
        {
            value = Null;
            switch (node)
            {
                case null:
                    return true;
                case JsonObject obj when obj.Options?.PropertyNameCaseInsensitive != true:
                    value = new Value(Kind.Object, 0, obj);
                    return true;
                case JsonArray array:
                    value = new Value(Kind.Array, 0, array);
                    return true;
                case JsonValue primitive:
                    switch (primitive.GetValueKind())
                    {
                        case JsonValueKind.String:
                            if (!TryText(primitive, out var text))
                            {
                                return false;
                            }

                            value = Of(text);
                            return true;
                        case JsonValueKind.Number:
                            value = Of(JsonToJs.Number(primitive));
                            return true;
                        case JsonValueKind.True:
                            value = Of(true);
                            return true;
                        case JsonValueKind.False:
                            value = Of(false);
                            return true;
                        case JsonValueKind.Null:
                            return true;
                        default:
                            return false;
                    }

                default:
                    return false;
            }
        }

        /// <summary>A string node's text; false for one the sandbox reads otherwise (not a CLR string, or JSON text it cannot decode).</summary>
        private static bool TryText(JsonValue node, out string text)
        {
            try
            {
                return node.TryGetValue(out text!);
            }
            catch (InvalidOperationException)
            {
                text = "";
                return false; // an escaped lone surrogate: the sandbox reports it
            }
        }

        /// <summary>The primitive's text as <c>+</c> joins it; false for numbers whose text is not an integer's.</summary>
        public bool TryText(out string text)
        {
            text = "";
            switch (Kind)
            {
                case Kind.String:
                    text = (string)Reference!;
                    return true;
                case Kind.Undefined:
                    text = "undefined";
                    return true;
                case Kind.Null:
                    text = "null";
                    return true;
                case Kind.Boolean:
                    text = Number != 0 ? "true" : "false";
                    return true;
                case Kind.Number when Math.Abs(Number) <= 9007199254740992d && Math.Floor(Number) == Number:
                    text = ((long)Number).ToString(CultureInfo.InvariantCulture);
                    return true;
                default:
                    return false;
            }
        }
    }

    private abstract class Node
    {
        public abstract bool TryEval(ScriptRequest request, out Value value);
    }

    private sealed class Constant(Value constant) : Node
    {
        public override bool TryEval(ScriptRequest request, out Value value)
        {
            value = constant;
            return true;
        }
    }

    private sealed class Name(string name) : Node
    {
        public override bool TryEval(ScriptRequest request, out Value value)
        {
            value = Value.Undefined;
            if (request.SharedGlobals?.ContainsKey(name) == true)
            {
                return false; // the region's parameters, frozen in the sandbox
            }

            JsonNode? node;
            if (name == "variables")
            {
                node = request.Variables ?? new JsonObject(); // the sandbox's empty object
            }
            else if (name == "undefined" || !request.Globals.TryGetValue(name, out node))
            {
                return name == "undefined" && !request.Globals.ContainsKey(name); // any other name: a helper, a built-in, or a ReferenceError
            }

            // The sandbox converts whatever a script reads of a global whole, and refuses one nested past its limit:
            // within this depth, every part of the global is convertible and can be read back.
            return Value.TryFrom(node, out value) && NestsWithin(node, MaxDepth);
        }
    }

    private sealed class Member(Node target, string key) : Node
    {
        public override bool TryEval(ScriptRequest request, out Value value)
        {
            value = Value.Undefined;
            if (!target.TryEval(request, out var of))
            {
                return false;
            }

            switch (of.Kind)
            {
                case Kind.Object:
                    var obj = (JsonObject)of.Reference!;
                    if (obj.TryGetPropertyValue(key, out var child))
                    {
                        return Value.TryFrom(child, out value);
                    }

                    return !PrototypeNames.Value.Contains(key); // not there: the prototype may answer the name
                case Kind.Array:
                    var array = (JsonArray)of.Reference!;
                    if (key == "length")
                    {
                        value = Value.Of(array.Count);
                        return true;
                    }

                    if (IsArrayIndex(key) && int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        return index >= array.Count || Value.TryFrom(array[index], out value);
                    }

                    return false;
                case Kind.String when key == "length":
                    value = Value.Of(((string)of.Reference!).Length);
                    return true;
                default:
                    return false; // null or undefined (a TypeError), a method of a primitive, an object built here
            }
        }
    }

    private sealed class Logical(Operator op, Node left, Node right) : Node
    {
        public override bool TryEval(ScriptRequest request, out Value value)
        {
            if (!left.TryEval(request, out value))
            {
                return false;
            }

            var takeLeft = op switch
            {
                Operator.LogicalAnd => !value.Truthy,
                Operator.LogicalOr => value.Truthy,
                _ => value.Kind is not (Kind.Null or Kind.Undefined),
            };
            return takeLeft || right.TryEval(request, out value);
        }
    }

    private sealed class Binary(Operator op, Node left, Node right) : Node
    {
        public override bool TryEval(ScriptRequest request, out Value value)
        {
            value = Value.Undefined;
            if (!left.TryEval(request, out var l) || !right.TryEval(request, out var r))
            {
                return false;
            }

            switch (op)
            {
                case Operator.StrictEquality or Operator.StrictInequality:
                    if (!l.IsPrimitive && !r.IsPrimitive)
                    {
                        return false; // identity of two objects: the sandbox's
                    }

                    var equal = l.Kind == r.Kind && l.Kind switch
                    {
                        Kind.Undefined or Kind.Null => true,
                        Kind.Boolean or Kind.Number => l.Number == r.Number,
                        Kind.String => string.Equals((string)l.Reference!, (string)r.Reference!, StringComparison.Ordinal),
                        _ => false,
                    };
                    value = Value.Of(op == Operator.StrictEquality ? equal : !equal);
                    return true;
                case Operator.Addition when l.Kind == Kind.Number && r.Kind == Kind.Number:
                    value = Value.Of(l.Number + r.Number);
                    return true;
                case Operator.Addition when (l.Kind == Kind.String || r.Kind == Kind.String) && l.IsPrimitive && r.IsPrimitive:
                    if (!l.TryText(out var a) || !r.TryText(out var b))
                    {
                        return false;
                    }

                    value = Value.Of(string.Concat(a, b));
                    return true;
                case not Operator.Addition when l.Kind == Kind.Number && r.Kind == Kind.Number:
                    value = op switch
                    {
                        Operator.Subtraction => Value.Of(l.Number - r.Number),
                        Operator.Multiplication => Value.Of(l.Number * r.Number),
                        Operator.LessThan => Value.Of(l.Number < r.Number),
                        Operator.LessThanOrEqual => Value.Of(l.Number <= r.Number),
                        Operator.GreaterThan => Value.Of(l.Number > r.Number),
                        _ => Value.Of(l.Number >= r.Number),
                    };
                    return true;
                default:
                    return false; // conversions of objects, booleans or mixed operands: the sandbox's
            }
        }
    }

    private sealed class Unary(Operator op, Node argument) : Node
    {
        public override bool TryEval(ScriptRequest request, out Value value)
        {
            if (!argument.TryEval(request, out var of))
            {
                value = Value.Undefined;
                return false;
            }

            if (op == Operator.LogicalNot)
            {
                value = Value.Of(!of.Truthy);
                return true;
            }

            value = Value.Of(-of.Number);
            return of.Kind == Kind.Number;
        }
    }

    private sealed class Conditional(Node test, Node consequent, Node alternate) : Node
    {
        public override bool TryEval(ScriptRequest request, out Value value) =>
            test.TryEval(request, out var t) ? (t.Truthy ? consequent : alternate).TryEval(request, out value) : Fail(out value);

        private static bool Fail(out Value value)
        {
            value = Value.Undefined;
            return false;
        }
    }

    private sealed class ObjectLiteral(List<(string Key, Node Value)> properties) : Node
    {
        public override bool TryEval(ScriptRequest request, out Value value)
        {
            value = Value.Undefined;
            var members = new List<(string, Value)>(properties.Count);
            foreach (var (key, node) in properties)
            {
                if (!node.TryEval(request, out var member))
                {
                    return false;
                }

                members.Add((key, member));
            }

            value = new Value(Kind.BuiltObject, 0, members);
            return true;
        }
    }

    private sealed class ArrayLiteral(List<Node> items) : Node
    {
        public override bool TryEval(ScriptRequest request, out Value value)
        {
            value = Value.Undefined;
            var values = new List<Value>(items.Count);
            foreach (var node in items)
            {
                if (!node.TryEval(request, out var item))
                {
                    return false;
                }

                values.Add(item);
            }

            value = new Value(Kind.BuiltArray, 0, values);
            return true;
        }
    }
}
