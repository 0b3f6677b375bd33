using Microsoft.Extensions.FileProviders;

namespace ResidentInsurance.Host;

/// <summary>
/// Front-end libraries served from the host's own origin, never a CDN (the bureaus' networks are often closed):
/// the npm packages pinned in <c>designer/package-lock.json</c>, installed by <c>npm ci</c> (the host's build runs
/// it). Found beside <c>workflows/</c>, or at <c>Host:ClientLibraries</c>. A missing package is logged once and
/// its pages say so; the API works without it.
/// </summary>
internal static class ClientLibraries
{
    /// <summary>URL prefix → folder inside node_modules.</summary>
    private static readonly (string Prefix, string Folder)[] Served =
    [
        ("/lib/chart.js", "chart.js/dist"),
        ("/designer", "@elsa-workflows/elsa-studio-wasm"), // the genuine Elsa Studio (Blazor WebAssembly), under our own page
    ];

    /// <summary>Blazor WebAssembly's files: .wasm, .dat (ICU data), .blat, .webcil, .pdb and the precompressed copies, served as they are.</summary>
    private static readonly Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider ContentTypes = new(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".js"] = "text/javascript", [".mjs"] = "text/javascript", [".css"] = "text/css", [".json"] = "application/json", [".wasm"] = "application/wasm",
        [".dat"] = "application/octet-stream", [".blat"] = "application/octet-stream", [".webcil"] = "application/octet-stream", [".pdb"] = "application/octet-stream",
        [".br"] = "application/octet-stream", [".gz"] = "application/octet-stream", [".html"] = "text/html", [".png"] = "image/png", [".svg"] = "image/svg+xml",
        [".woff"] = "font/woff", [".woff2"] = "font/woff2", [".ttf"] = "font/ttf", [".ico"] = "image/x-icon", [".webmanifest"] = "application/manifest+json", [".map"] = "application/json",
    });

    public static string? Find(IConfiguration configuration, string? workflowsDirectory, string contentRoot)
    {
        if (configuration["Host:ClientLibraries"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var starts = new[] { workflowsDirectory is null ? null : Path.GetDirectoryName(Path.GetFullPath(workflowsDirectory)), contentRoot, AppContext.BaseDirectory };
        foreach (var start in starts.OfType<string>())
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "designer", "node_modules");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static void UseClientLibraries(this WebApplication app, string? nodeModules)
    {
        foreach (var (prefix, folder) in Served)
        {
            var path = nodeModules is null ? null : Path.Combine(nodeModules, folder);
            if (path is null || !Directory.Exists(path))
            {
                app.Logger.LogWarning("Client library {Prefix} is not installed ({Path} missing): run `npm ci` in designer/", prefix, path ?? "designer/node_modules");
                continue;
            }

            app.UseStaticFiles(new StaticFileOptions { RequestPath = prefix, FileProvider = new PhysicalFileProvider(path), ContentTypeProvider = ContentTypes });
        }
    }
}
