using Microsoft.AspNetCore.Diagnostics;
using ResidentInsurance.Engine.Definitions;
using ResidentInsurance.Engine.Runtime;
using ResidentInsurance.Engine.Serialization;
using ResidentInsurance.Host.Access;
using ResidentInsurance.Persistence.Access;

namespace ResidentInsurance.Host.Api;

/// <summary>Engine errors as ProblemDetails: every answer names the problem; nothing leaks a stack trace.</summary>
internal sealed class ApiErrors(IProblemDetailsService problems, IAccessStore access, TimeProvider clock, ILogger<ApiErrors> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is AccessDeniedException denied)
        {
            await access.AppendAuditAsync(new AuditEntry(0, clock.GetUtcNow(), http.User.Identity?.Name ?? "anonymous", denied.Region, denied.Action, denied.Target, "denied", denied.Message), ct);
            logger.LogWarning("Access denied: {User} {Action} {Target}", http.User.Identity?.Name, denied.Action, denied.Target);
        }

        var (status, title, extensions) = exception switch
        {
            // `errors` (key → messages) as ASP.NET's validation problems carry them: the Elsa Studio shows each message in a snackbar.
            DefinitionValidationException v => (StatusCodes.Status400BadRequest, "工作流定义无效", new Dictionary<string, object?>
            {
                ["problems"] = v.Problems.Select(p => new { activityId = p.ActivityId, message = p.Message }).ToList(),
                ["errors"] = v.Problems.GroupBy(p => p.ActivityId ?? "definition").ToDictionary(g => g.Key, g => g.Select(p => $"工作流定义无效：{p.ActivityId} {p.Message}").ToArray()),
            }),
            // The Studio reads only a 400 as validation errors (any other status breaks its editor): 400 there, 409 on our API.
            PublishRefusedException p => (http.Request.Path.StartsWithSegments("/elsa/api") ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict, "发布被拒绝", new Dictionary<string, object?>
            {
                ["problems"] = p.Problems,
                ["errors"] = new Dictionary<string, string[]> { ["cases"] = [.. p.Problems.Select(x => $"发布被拒绝，政策案例不成立：{x}")] },
            }),
            WorkflowNotFoundException => (StatusCodes.Status404NotFound, "工作流不存在", []),
            InstanceStateException => (StatusCodes.Status409Conflict, "流程实例状态不允许此操作", []),
            InvalidStimulusException => (StatusCodes.Status400BadRequest, "办理结果无效", []),
            BadHttpRequestException => (StatusCodes.Status400BadRequest, "请求格式错误", []),
            ArgumentException => (StatusCodes.Status400BadRequest, "请求参数错误", []),
            AccessDeniedException => (StatusCodes.Status403Forbidden, "无权访问", []),
            _ => (0, "", new Dictionary<string, object?>()),
        };
        if (status == 0)
        {
            logger.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
            return false;
        }

        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = exception.Message, Extensions = extensions },
        });
    }
}
