using Microsoft.AspNetCore.Mvc.Testing;

namespace ResidentInsurance.Host.Tests;

/// <summary>Clients of the test host: the seeded system administrator's API key (README demo accounts).</summary>
internal static class TestClients
{
    public const string AdminApiKey = "demo-admin-key";

    public static HttpClient CreateAdminClient(this WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", AdminApiKey);
        return client;
    }
}
