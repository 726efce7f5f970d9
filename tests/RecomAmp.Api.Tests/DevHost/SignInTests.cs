using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace RecomAmp.Api.Tests.DevHost;

/// <summary>The sign-in steps DevHost prints work against its own Sandbox, over real HTTP.</summary>
public sealed class SignInTests(DevHostFixture devHost) : IClassFixture<DevHostFixture>
{
    [Fact]
    public async Task SignInAsync_SandboxUser_ReturnsTokenForThatUser()
    {
        var email = $"analyst-{Guid.NewGuid():N}@example.com";

        var token = await devHost.SignInAsync(email);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await devHost.Client.SendAsync(request);
        var me = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(email, me.GetProperty("email").GetString());
    }
}
