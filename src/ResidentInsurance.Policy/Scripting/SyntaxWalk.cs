using Acornima.Ast;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>Every node of a syntax tree with its parent, a parent always before its children (no recursion: deep scripts are fine).</summary>
internal static class SyntaxWalk
{
    public static IEnumerable<(Node Node, Node? Parent)> Of(Node root)
    {
        var pending = new Stack<(Node Node, Node? Parent)>();
        pending.Push((root, null));
        while (pending.TryPop(out var item))
        {
            yield return item;
            foreach (var child in item.Node.ChildNodes)
            {
                pending.Push((child, item.Node));
            }
        }
    }
}
