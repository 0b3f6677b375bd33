using System.Security.Claims;

namespace ResidentInsurance.Host.Access;

/// <summary>
/// Who is calling, from the authenticated principal: user name, role, region and department. The checks throw
/// <see cref="AccessDeniedException"/>, which the host answers with 403 and an audit entry.
/// </summary>
internal sealed record Caller(string UserName, string DisplayName, string Role, string? Region, string? Department, string? Town = null)
{
    public const string TownClaim = "ri:town";
    public const string RegionClaim = "ri:region";
    public const string DepartmentClaim = "ri:department";
    public const string DisplayNameClaim = "ri:display-name";

    public bool IsSystemAdmin => Role == Roles.SystemAdmin;

    /// <summary>Minimal-API binding: the endpoint's authorization already required an authenticated user.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext http) => ValueTask.FromResult(From(http.User));

    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.Identity.Name is not { } name)
        {
            return null;
        }

        return new Caller(name, user.FindFirstValue(DisplayNameClaim) ?? name, user.FindFirstValue(ClaimTypes.Role) ?? "",
            user.FindFirstValue(RegionClaim), user.FindFirstValue(DepartmentClaim), user.FindFirstValue(TownClaim));
    }

    /// <summary>The region a listing is scoped to: the caller's own, unless a system administrator asks for another (or all).</summary>
    public string? ScopeRegion(string? requested) => IsSystemAdmin ? requested : Region;

    /// <summary>The town a campaign view is scoped to: a town's staff see their own town whatever they ask for.</summary>
    public string? ScopeTown(string? requested) => Town ?? requested;

    public void RequireRegion(string? region, string action, string target)
    {
        if (!IsSystemAdmin && (region is null || region != Region))
        {
            throw new AccessDeniedException(action, target, region, $"{UserName}（{Region ?? "无地区"}）不能访问地区 {region ?? "（未指定）"} 的数据");
        }
    }

    public void RequireDepartment(string? region, string? department, string action, string target)
    {
        RequireRegion(region, action, target);
        if (!IsSystemAdmin && (department is null || department != Department || Role is not (Roles.Staff or Roles.System)))
        {
            throw new AccessDeniedException(action, target, region, $"{UserName}（{Department ?? Role}）不能办理 {department ?? "（未指定）"} 部门的任务");
        }
    }

    /// <summary>A town's staff act on their own town's cases only; a case without a town is the department's.</summary>
    public bool ServesTown(string? town) => Town is null || town is null || town == Town;

    public void RequireTown(string? region, string? town, string action, string target)
    {
        if (!ServesTown(town))
        {
            throw new AccessDeniedException(action, target, region, $"{UserName}（{Town}）不能办理 {town} 的任务");
        }
    }

    public void RequirePolicyAdmin(string? region, string action, string target)
    {
        if (IsSystemAdmin)
        {
            return;
        }

        if (Role != Roles.PolicyAdmin || region != Region)
        {
            throw new AccessDeniedException(action, target, region, $"{UserName} 不是地区 {region} 的政策管理员");
        }
    }

    /// <summary>For expression-bodied endpoints: throws when denied, else null so the caller goes on.</summary>
    public IResult? RequireSystemAdminThen(string action, string target)
    {
        RequireSystemAdmin(action, target);
        return null;
    }

    public IResult? RequireDepartmentThen(string? region, string? department, string action, string target)
    {
        RequireDepartment(region, department, action, target);
        return null;
    }

    public void RequireSystemAdmin(string action, string target)
    {
        if (!IsSystemAdmin)
        {
            throw new AccessDeniedException(action, target, Region, $"{UserName} 不是系统管理员");
        }
    }
}
