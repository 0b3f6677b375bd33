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
        foreach (var (node, _) in SyntaxWalk.Of(program))
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
        }

        return names;
    }

    private static void Targets(Node target, HashSet<string> names)
    {
        if (target is MemberExpression)
        {
            return;
        }

        foreach (var (node, _) in SyntaxWalk.Of(target))
        {
            if (node is Identifier identifier)
            {
                names.Add(identifier.Name);
            }
        }
    }
}
