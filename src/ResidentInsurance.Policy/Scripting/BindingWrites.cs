using Acornima.Ast;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// The names a program assigns to as bindings — <c>x = …</c>, <c>x += …</c>, <c>x++</c>, <c>[x] = …</c>,
/// <c>({ a: x } = …)</c>, <c>for (x in …)</c> — in any scope, locals included. Member assignments (<c>a.b = …</c>)
/// change an object, not a binding, and are not counted. Every identifier inside a destructuring target is counted
/// (keys and defaults too): more names than are written, never fewer.
/// </summary>
internal static class BindingWrites
{
    public static HashSet<string> Of(Node program)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<Node>();
        pending.Push(program);
        while (pending.TryPop(out var node))
        {
            switch (node)
            {
                case AssignmentExpression assignment:
                    Targets(assignment.Left, names);
                    break;
                case UpdateExpression update:
                    Targets(update.Argument, names);
                    break;
                case ForInStatement { Left: not VariableDeclaration } forIn:
                    Targets(forIn.Left, names);
                    break;
                case ForOfStatement { Left: not VariableDeclaration } forOf:
                    Targets(forOf.Left, names);
                    break;
            }

            foreach (var child in node.ChildNodes)
            {
                pending.Push(child);
            }
        }

        return names;
    }

    private static void Targets(Node target, HashSet<string> names)
    {
        switch (target)
        {
            case Identifier identifier:
                names.Add(identifier.Name);
                return;
            case MemberExpression:
                return;
        }

        var pending = new Stack<Node>();
        pending.Push(target);
        while (pending.TryPop(out var node))
        {
            if (node is Identifier identifier)
            {
                names.Add(identifier.Name);
            }

            foreach (var child in node.ChildNodes)
            {
                pending.Push(child);
            }
        }
    }
}
