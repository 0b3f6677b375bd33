using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ResidentInsurance.Host.Tests;

/// <summary>Clients of the test host: the seeded system administrator's API key, and cookie logins (README demo accounts).</summary>
internal static class TestClients
{
    public const string AdminApiKey = "demo-admin-key";

    public static HttpClient CreateAdminClient(this WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiKey);
        return client;
    }

    /// <summary>Logs a client in with the cookie, as the page does, and sends the antiforgery token the login hands out with every change.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string userName, string password = "Demo@2026")
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync())?["csrfToken"]?.GetValue<string>() is { } token)
        {
            client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
            client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
        }

        return response;
    }

    /// <summary>A client as the designer page sets up the Elsa Studio: signed in, then the designer token as Bearer.</summary>
    public static async Task<HttpClient> CreateStudioClientAsync(this WebApplicationFactory<Program> factory, string userName, string password = "Demo@2026")
    {
        var page = factory.CreateClient();
        (await page.SignInAsync(userName, password)).EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await (await page.PostAsync("/api/auth/designer-token", null)).Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        var studio = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        studio.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return studio;
    }
}
