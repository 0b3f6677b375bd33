using Acornima;
using Acornima.Ast;
using Jint;

namespace ResidentInsurance.Policy.Scripting;

/// <summary>
/// Turns a script text into a program that runs it inside its own function, so nothing it declares
/// outlives the call. Text that parses as one expression is returned as such; anything else is a
/// function body, checked on its own first (so errors point into the author's text and a body cannot
/// close the wrapper early). A body whose last statement is an expression returns that expression's
/// value when it gets that far, as Elsa's completion-value scripts expect (<c>var a = 2; a * 3</c>).
/// </summary>
internal static class ScriptPreparer
{
    /// <summary>The source name runtime errors carry for the author's script.</summary>
    public const string SourceName = "script";

    public static PreparedScript Prepare(string text)
    {
        string wrapped;
        ScriptShape shape;
        var expression = AsExpression(text);
        if (expression is not null)
        {
            shape = ScriptShape.Expression;
            wrapped = "(function () { return (" + text + "\n); })()";
        }
        else
        {
            Script body;
            try
            {
                body = new Parser(new ParserOptions { AllowReturnOutsideFunction = true }).ParseScript(text, SourceName, strict: true);
            }
            catch (ParseErrorException ex)
            {
                return PreparedScript.Invalid(Describe(ex));
            }

            shape = ScriptShape.Body;
            wrapped = "(function () {" + ReturnLastExpression(text, body) + "\n})()";
        }

        try
        {
            var program = Jint.Engine.PrepareScript(wrapped, SourceName, strict: true, new ScriptPreparationOptions { CollectReferencedGlobals = true });
            return PreparedScript.Valid(program, shape, expression is null ? null : DirectExpression.TryCompile(expression));
        }
        catch (ScriptPreparationException ex)
        {
            return PreparedScript.Invalid(ex.InnerException is ParseErrorException parse ? Describe(parse) : ex.Message);
        }
        catch (ParseErrorException ex)
        {
            return PreparedScript.Invalid(Describe(ex));
        }
    }

    /// <summary>The text parsed as one expression, or null when it is not one.</summary>
    private static Expression? AsExpression(string text)
    {
        try
        {
            return new Parser().ParseExpression(text, SourceName, strict: true);
        }
        catch (ParseErrorException)
        {
            return null;
        }
    }

    /// <summary>Rewrites a trailing expression statement <c>e;</c> as <c>return (e);</c>.</summary>
    private static string ReturnLastExpression(string text, Script body)
    {
        if (body.Body.Count == 0 || body.Body[^1] is not ExpressionStatement { Expression: var expression } statement || statement is Directive)
        {
            return text;
        }

        return text[..expression.Start] + "return (" + text[expression.Start..expression.End] + ")" + text[expression.End..];
    }

    private static string Describe(ParseErrorException ex) =>
        $"{ex.Description} (line {ex.LineNumber}, column {ex.Column + 1})";
}
